package dev.tabletalk.testkit.executor;

/** The databases the executor fixture has DDL for. */
public enum FixtureDatabase {
    POSTGRES,
    MARIADB,
    SQLITE,
    H2;

    /** Whether the database enforces declared lengths and numeric precision (SQLite does not). */
    public boolean enforcesDeclaredSizes() {
        return this != SQLITE;
    }

    /** Whether the executor's EXPLAIN cost gate applies. */
    public boolean hasCostGate() {
        return this == POSTGRES || this == MARIADB;
    }
}
