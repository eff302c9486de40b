package dev.tabletalk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command asks the {@link TableTalkOpener} to open: the configuration file and the settings given on the
 * command line. The CLI reads no environment variable and applies no default: the app layers the file, the
 * environment and these flags (flags win) into the settings it opens TableTalk with.
 *
 * @param configFile the {@code --config} file; empty: {@code ./tabletalk.yaml} when it exists
 * @param flags the settings given as flags, by key path of {@code tabletalk.yaml}, in the order given
 * @param demo whether to create and open the embedded demo shop instead of a target database
 * @param progress told how loading the schema advances (shown on a terminal for big schemas)
 */
public record CliSettings(Optional<Path> configFile, List<Flag> flags, boolean demo, Progress progress) {

    public CliSettings {
        Objects.requireNonNull(configFile, "configFile");
        flags = List.copyOf(flags);
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * One setting given on the command line.
     *
     * @param key its key path in {@code tabletalk.yaml}, e.g. {@code database.url}
     * @param name the flag as typed, e.g. {@code --db}
     * @param value its value as text (lists separated by commas)
     */
    public record Flag(String key, String name, String value) {
        public Flag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Told how a schema load advances: a few steps per load. */
    @FunctionalInterface
    public interface Progress {

        /** Ignores progress. */
        Progress NONE = (stage, done, total) -> {};

        void step(String stage, int done, int total);
    }

    /** The value of the flag that sets this key, if one was given. */
    public Optional<String> flag(String key) {
        Optional<String> value = Optional.empty();
        for (Flag flag : flags) {
            if (flag.key().equals(key)) {
                value = Optional.of(flag.value());
            }
        }
        return value;
    }

    /** The {@code --db} flag, if given. */
    public Optional<String> databaseUrl() {
        return flag("database.url");
    }

    /** These settings with this progress listener. */
    public CliSettings withProgress(Progress value) {
        return new CliSettings(configFile, flags, demo, value);
    }

    /** These settings with more flags (given later, so they win). */
    public CliSettings withFlags(List<Flag> more) {
        List<Flag> all = new ArrayList<>(flags);
        all.addAll(more);
        return new CliSettings(configFile, all, demo, progress);
    }
}
