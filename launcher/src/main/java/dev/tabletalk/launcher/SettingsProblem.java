package dev.tabletalk.launcher;

import java.util.Objects;

/**
 * A mistake in the settings that only the database shows ({@link TableTalk.Builder#checkAgainstDatabase()}): an
 * override that names a table or column that is not there or would loosen isolation, a macro that does not fit the
 * schema.
 *
 * @param key the setting's key path, e.g. {@code entities.ordres} or {@code macros.deactivate customer}
 * @param message what is wrong and what to do, never a secret
 */
public record SettingsProblem(String key, String message) {

    public SettingsProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
