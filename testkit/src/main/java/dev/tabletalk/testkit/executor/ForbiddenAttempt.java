package dev.tabletalk.testkit.executor;

import java.util.Objects;

/**
 * A statement that must never reach the database, tried through the implementation's guarded
 * connection (for invariant 1).
 *
 * @param description what is tried, for the test report
 * @param attempt runs the statement; it must throw
 */
public record ForbiddenAttempt(String description, Attempt attempt) {

    public ForbiddenAttempt {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(attempt, "attempt");
    }

    /** Runs one forbidden statement. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    @Override
    public String toString() {
        return description;
    }
}
