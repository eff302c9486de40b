package dev.tabletalk.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The {@code tabletalk} command line: {@code demo}, {@code chat}, {@code plan} and {@code schema},
 * each with {@code --help}. TableTalk itself comes from a {@link CliConnector} (the app wires the
 * launcher in); this class only parses, talks to the inbound port and prints.
 *
 * <p>Exit codes: 0 ok, 2 usage or bad settings, 3 a refusal in non-interactive mode, 4 not allowed,
 * 5 a dependency unavailable, 1 anything else. Errors are one line on standard error.
 */
public final class TableTalkCli {

    private final CliConnector connector;

    private TableTalkCli(CliConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** A command line that opens TableTalk through this connector. */
    public static TableTalkCli create(CliConnector connector) {
        return new TableTalkCli(connector);
    }

    /** Runs one command with the process's standard streams; returns the exit code. */
    public int execute(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return execute(System.in, out, err, System.console() != null, args);
    }

    /**
     * Runs one command with these streams.
     *
     * @param terminal whether input and output are an interactive terminal (REPL) or not (one reply per line)
     */
    public int execute(InputStream in, PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        CommandLine commandLine = commandLine(new CliContext(connector, in, terminal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        int exit = commandLine.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    static CommandLine commandLine(CliContext context) {
        CliErrors errors = new CliErrors();
        CommandLine commandLine = new CommandLine(new RootCommand())
                .addSubcommand(new CommandLine(new DemoCommand(context)))
                .addSubcommand(new CommandLine(new ChatCommand(context)))
                .addSubcommand(new CommandLine(new PlanCommand(context)))
                .addSubcommand(new CommandLine(new SchemaCommand(context)))
                .addSubcommand(new CommandLine(new AuditCommand(context)))
                .addSubcommand(new CommandLine(new ReplayCommand(context)))
                .addSubcommand(new CommandLine(new DoctorCommand(context)))
                .addSubcommand(new CommandLine(new ServeCommand(context)));
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(new CliExitCodes());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
