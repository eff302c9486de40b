package dev.tabletalk.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where an effective setting came from: its default, a line of the file, an environment variable or a flag. */
public sealed interface ConfigSource {

    /** The built-in default. */
    record Default() implements ConfigSource {
        @Override
        public String toString() {
            return "default";
        }
    }

    /**
     * A line of the configuration file.
     *
     * @param file the file
     * @param line its line, from 1
     */
    record File(Path file, int line) implements ConfigSource {
        public File {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "file:" + line;
        }
    }

    /**
     * An environment variable.
     *
     * @param name its name
     */
    record Environment(String name) implements ConfigSource {
        public Environment {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "env:" + name;
        }
    }

    /**
     * A command-line flag.
     *
     * @param name the flag, e.g. {@code --db}
     */
    record Flag(String name) implements ConfigSource {
        public Flag {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "flag:" + name;
        }
    }

    /** Where a problem with this value is, for a message: {@code tabletalk.yaml:12}, {@code env TABLETALK_X}. */
    default String where() {
        if (this instanceof File file) {
            return file.file() + ":" + file.line();
        }
        if (this instanceof Environment environment) {
            return "environment variable " + environment.name();
        }
        if (this instanceof Flag flag) {
            return "flag " + flag.name();
        }
        return "default";
    }
}
