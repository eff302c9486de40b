package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;

/** Turns every failure into one clear line on stderr and an exit code; never a stack trace. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("tabletalk: " + TerminalText.escape(describe(exception)));
        err.flush();
        return CliExitCodes.of(exception);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("tabletalk: " + TerminalText.escape(exception.getMessage()) + " (see '"
                + commandLine.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return CliExitCodes.USAGE;
    }

    static String describe(Throwable exception) {
        if (exception instanceof ConfigurationException) {
            return exception.getMessage();
        }
        if (exception instanceof DependencyUnavailableException unavailable) {
            return name(unavailable.dependency()) + " is unavailable: " + unavailable.getMessage()
                    + (unavailable.isRetryable() ? " (try again when it is back)" : "");
        }
        return "unexpected error (" + exception.getClass().getSimpleName() + "); nothing was changed";
    }

    private static String name(Dependency dependency) {
        switch (dependency) {
            case TARGET_DATABASE:
                return "the database";
            case AUDIT_STORE:
                return "the audit store";
            case PLANNER:
                return "the planner";
            default:
                return dependency.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
