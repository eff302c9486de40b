package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.ConfigResult;
import dev.tabletalk.config.EffectiveConfig;
import dev.tabletalk.config.FlagValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Assembles the one settings object of a command: {@code tabletalk.yaml} (the {@code --config} file, else
 * {@code ./tabletalk.yaml} when it exists) &lt; the environment &lt; the flags given. The app's edge: the only place
 * that hands the process environment on; adapters receive values.
 */
final class SettingsAssembly {

    private final Map<String, String> environment;
    private final Path workingFolder;

    /**
     * @param environment the environment variables
     * @param workingFolder where {@code tabletalk.yaml} is looked for, and relative {@code --config} paths start
     */
    SettingsAssembly(Map<String, String> environment, Path workingFolder) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.workingFolder = Objects.requireNonNull(workingFolder, "workingFolder");
    }

    /** The process's environment and working folder. */
    static SettingsAssembly ofProcess() {
        return new SettingsAssembly(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** The environment variables. */
    Map<String, String> environment() {
        return environment;
    }

    /** The layers as given, checked: the settings, or every problem. */
    ConfigResult check(Optional<Path> configFile, List<CliSettings.Flag> flags) {
        Optional<Path> file = ConfigLoader.fileToRead(configFile.map(workingFolder::resolve), workingFolder);
        return ConfigLoader.load(
                file,
                environment,
                flags.stream()
                        .map(f -> new FlagValue(f.key(), f.name(), f.value()))
                        .toList());
    }

    /**
     * The settings of a command.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException naming the file and line, variable or flag, and
     *     the key of every problem (exit code 2)
     */
    EffectiveConfig load(CliSettings settings) {
        return check(settings.configFile(), settings.flags()).orThrow();
    }
}
