package dev.tabletalk.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, never quoting a secret's value.
 *
 * @param source where the offending value was given (the file and line, a variable or a flag)
 * @param key the key path, e.g. {@code limits.maxRows} or {@code roles.support.rows.orders[0].op}
 * @param message what is wrong and what to do
 */
public record ConfigProblem(ConfigSource source, String key, String message) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@code tabletalk.yaml:12: limits.maxRows: must be at most 100}. */
    @Override
    public String toString() {
        return source.where() + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
