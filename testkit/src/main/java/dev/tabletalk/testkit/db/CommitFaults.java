package dev.tabletalk.testkit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Faults at COMMIT on PostgreSQL, for tests of what a lost or refused commit leaves behind: a deferred constraint
 * trigger runs its body when the transaction commits, after every statement of it succeeded.
 */
public final class CommitFaults {

    /**
     * Ends the committing backend, as a crash would: the client loses its connection during the COMMIT (its outcome
     * unknown to it), and the store rolls the transaction back.
     */
    public static final String END_BACKEND = "PERFORM pg_terminate_backend(pg_backend_pid());";

    private CommitFaults() {}

    /**
     * Runs {@code body} (PL/pgSQL statements) at the commit of every transaction that inserted or updated a row of
     * {@code table}, for each such row ({@code NEW} is the row), until {@link #remove}.
     */
    public static void install(Connection connection, String table, String name, String body) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + body
                    + " RETURN NULL; END $$");
            statement.execute("CREATE CONSTRAINT TRIGGER " + name + " AFTER INSERT OR UPDATE ON " + table
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        }
    }

    /** Removes what {@link #install} made under {@code name}. */
    public static void remove(Connection connection, String table, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER " + name + " ON " + table);
            statement.execute("DROP FUNCTION " + name + "()");
        }
    }
}
