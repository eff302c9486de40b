package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.config.ConfigProblem;
import dev.tabletalk.config.ConfigResult;
import dev.tabletalk.config.ConfigSchema;
import dev.tabletalk.config.EffectiveConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.launcher.SettingsProblem;
import dev.tabletalk.launcher.TableTalk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tabletalk config validate|show|schema}: checks the settings (tabletalk.yaml &lt; environment &lt; flags),
 * shows them with where each came from (secrets as {@code ***}), and prints the file's JSON Schema. A command of
 * the app, which alone may read the configuration.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "The configuration: tabletalk.yaml (or --config FILE) < TABLETALK_* environment variables < flags.",
            "validate checks it (exit 0, or 2 with file:line: key: problem); show prints the effective settings "
                    + "and where each came from, secrets as ***; schema prints the JSON Schema of the file."
        })
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private ConfigCommand() {}

    /** The command with its subcommands, over these layers. */
    static CommandLine create(SettingsAssembly assembly) {
        return new CommandLine(new ConfigCommand())
                .addSubcommand(new CommandLine(new Validate(assembly)))
                .addSubcommand(new CommandLine(new Show(assembly)))
                .addSubcommand(new CommandLine(new Schema()));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The options of validate and show: the file, and the settings flags of the other commands. */
    static final class Layers {

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "The configuration file (default: ./tabletalk.yaml when it exists).")
        Path config;

        @Option(names = "--db", paramLabel = "URL", description = "As for chat: wins over the file and environment.")
        String database;

        @Option(names = "--planner", paramLabel = "SPEC", description = "As for chat.")
        String planner;

        @Option(names = "--audit-db", paramLabel = "URL", description = "As for chat.")
        String auditDatabase;

        @Option(names = "--session-store", paramLabel = "URL", description = "As for chat.")
        String sessionStore;

        ConfigResult check(SettingsAssembly assembly) {
            List<CliSettings.Flag> flags = new ArrayList<>();
            add(flags, "database.url", "--db", database);
            add(flags, "planner.models", "--planner", planner);
            add(flags, "audit.url", "--audit-db", auditDatabase);
            add(flags, "sessions.url", "--session-store", sessionStore);
            add(flags, "sessions.store", "--session-store", sessionStore == null ? null : "jdbc");
            return assembly.check(Optional.ofNullable(config), flags);
        }

        private static void add(List<CliSettings.Flag> flags, String key, String name, String value) {
            if (value != null && !value.isBlank()) {
                flags.add(new CliSettings.Flag(key, name, value.strip()));
            }
        }
    }

    /** Prints every problem, one per line, to standard error; returns the usage exit code. */
    private static int problems(CommandSpec spec, ConfigResult.Invalid invalid) {
        PrintWriter err = spec.commandLine().getErr();
        for (ConfigProblem problem : invalid.problems()) {
            err.println(problem);
        }
        err.flush();
        return 2; // the CLI's exit code for usage and bad settings
    }

    /** {@code tabletalk config validate}. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Check the configuration: exit 0 when valid, else 2 with one file:line: key: problem a line.",
                "With a database URL it also checks the names the file uses against that database (entities, "
                        + "columns, macros; exit 5 when it cannot be reached); --offline checks the file alone."
            })
    static final class Validate implements Callable<Integer> {

        private final SettingsAssembly assembly;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Layers layers;

        @Option(
                names = "--offline",
                description = "Check the file, environment and flags only, without connecting to the database.")
        boolean offline;

        Validate(SettingsAssembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() {
            ConfigResult result = layers.check(assembly);
            if (result instanceof ConfigResult.Invalid invalid) {
                return problems(spec, invalid);
            }
            ConfigResult.Loaded loaded = (ConfigResult.Loaded) result;
            boolean checkNames =
                    !offline && loaded.settings().config().database().url().isPresent();
            if (checkNames) {
                Integer failed = checkAgainstDatabase(loaded.settings());
                if (failed != null) {
                    return failed;
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("The configuration is valid"
                    + loaded.settings().file().map(f -> " (" + f + ")").orElse(" (no file: defaults and environment)")
                    + (checkNames ? ", and its names fit the database" : "")
                    + ".");
            out.flush();
            return 0;
        }

        /** The exit code when the names do not fit the database or it cannot be read; null when they fit. */
        private Integer checkAgainstDatabase(EffectiveConfig settings) {
            PrintWriter err = spec.commandLine().getErr();
            List<SettingsProblem> problems;
            try {
                problems = TableTalk.builder().config(settings.config()).checkAgainstDatabase();
            } catch (ConfigurationException e) {
                problems = List.of(new SettingsProblem("database", e.getMessage()));
            } catch (DependencyUnavailableException e) {
                err.println("Cannot check the names against the database: " + e.getMessage()
                        + ". Make sure it is reachable, or give --offline to check the file alone.");
                err.flush();
                return 5; // the CLI's exit code for an unreachable dependency
            }
            if (problems.isEmpty()) {
                return null;
            }
            for (SettingsProblem problem : problems) {
                String where = settings.fileLine(problem.key())
                        .map(at -> at.file() + ":" + at.line() + ": ")
                        .orElse("");
                err.println(where + problem);
            }
            err.flush();
            return 2;
        }
    }

    /** {@code tabletalk config show}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the effective settings, one key = value (source) a line; secrets as ***.")
    static final class Show implements Callable<Integer> {

        private final SettingsAssembly assembly;

        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Layers layers;

        Show(SettingsAssembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() {
            ConfigResult result = layers.check(assembly);
            if (result instanceof ConfigResult.Invalid invalid) {
                return problems(spec, invalid);
            }
            PrintWriter out = spec.commandLine().getOut();
            ((ConfigResult.Loaded) result).settings().showLines().forEach(out::println);
            out.flush();
            return 0;
        }
    }

    /** {@code tabletalk config schema}. */
    @Command(
            name = "schema",
            mixinStandardHelpOptions = true,
            description = "Print the JSON Schema of tabletalk.yaml (for editor completion).")
    static final class Schema implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(ConfigSchema.get().text().strip());
            out.flush();
            return 0;
        }
    }
}
