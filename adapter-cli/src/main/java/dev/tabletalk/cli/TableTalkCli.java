package dev.tabletalk.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The {@code tabletalk} command line: {@code demo}, {@code chat}, {@code plan}, {@code schema}, {@code audit},
 * {@code replay} and {@code doctor}, each with {@code --help}. TableTalk itself comes from a
 * {@link TableTalkOpener} (the app wires the launcher in) as core's inbound ports; this class only parses,
 * talks to those ports and prints. Commands that start servers ({@code serve}) belong to the app, which adds
 * them with {@link #withCommand}.
 *
 * <p>Exit codes: 0 ok, 2 usage or bad settings, 3 a refusal in non-interactive mode, 4 not allowed,
 * 5 a dependency unavailable, 1 anything else. Errors are one line on standard error.
 */
public final class TableTalkCli {

    private final TableTalkOpener opener;
    private final List<Supplier<Object>> extraCommands;

    private TableTalkCli(TableTalkOpener opener, List<Supplier<Object>> extraCommands) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.extraCommands = List.copyOf(extraCommands);
    }

    /** A command line that opens TableTalk through this opener. */
    public static TableTalkCli create(TableTalkOpener opener) {
        return new TableTalkCli(opener, List.of());
    }

    /**
     * This command line with one more subcommand, listed after the others, with the same error handling and
     * exit codes.
     *
     * @param command makes a fresh picocli {@code @Command} object (or a {@code CommandLine} with its own
     *     subcommands) for each run
     */
    public TableTalkCli withCommand(Supplier<Object> command) {
        List<Supplier<Object>> commands = new ArrayList<>(extraCommands);
        commands.add(Objects.requireNonNull(command, "command"));
        return new TableTalkCli(opener, commands);
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
        CommandLine commandLine = commandLine(new CliContext(opener, in, terminal), extraCommands);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int exit = commandLine.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    static CommandLine commandLine(CliContext context, List<Supplier<Object>> extraCommands) {
        CliErrors errors = new CliErrors();
        CommandLine commandLine = new CommandLine(new RootCommand())
                .addSubcommand(new CommandLine(new DemoCommand(context)))
                .addSubcommand(new CommandLine(new ChatCommand(context)))
                .addSubcommand(new CommandLine(new PlanCommand(context)))
                .addSubcommand(new CommandLine(new SchemaCommand(context)))
                .addSubcommand(new CommandLine(new AuditCommand(context)))
                .addSubcommand(new CommandLine(new ReplayCommand(context)))
                .addSubcommand(new CommandLine(new DoctorCommand(context)));
        // added before the handlers are set, so that they apply to these commands too
        extraCommands.forEach(command -> {
            Object made = command.get();
            commandLine.addSubcommand(made instanceof CommandLine line ? line : new CommandLine(made));
        });
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(new CliExitCodes());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
