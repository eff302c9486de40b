package dev.tabletalk.schemacatalog;

import java.util.Objects;

/**
 * Why one entry of the exposure or tenancy overrides cannot apply, and what to do instead.
 *
 * @param key the entry's key path, e.g. {@code tenancy.entities.orders} or {@code entities.customers.columns.notes}
 * @param message what is wrong and what to do, for the operator (no SQL, no secrets)
 */
public record OverrideProblem(String key, String message) {

    public OverrideProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@code key: message}. */
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
