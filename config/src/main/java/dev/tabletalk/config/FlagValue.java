package dev.tabletalk.config;

import java.util.Objects;

/**
 * A setting given on the command line, which wins over the environment and the file.
 *
 * @param key the key path it sets, e.g. {@code database.url}
 * @param flag the flag as typed, e.g. {@code --db}, for messages and {@code config show}
 * @param value the value as text: lists separated by commas, durations as {@code 5s}
 */
public record FlagValue(String key, String flag, String value) {

    public FlagValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(value, "value");
    }
}
