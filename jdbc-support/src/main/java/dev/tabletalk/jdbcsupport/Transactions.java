package dev.tabletalk.jdbcsupport;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work on one of TableTalk's own stores, run again on another connection when the connection it got had been lost
 * already. After a store restarted, or its backends were ended, the pool still hands out the connections it used a
 * moment before without checking them, and the first statement on one fails ({@link SqlErrors#isConnectionLost}).
 * Work that failed that way before its commit was sent committed nothing, so it runs again and changes nothing
 * twice: the act goes through instead of being refused for a store that is back. Never run again: work whose commit
 * itself failed (when the connection was lost on the way, its outcome is unknown, and {@link #run} says so with a
 * {@link CommitOutcomeUnknownException}), any other error, and a failure to get a connection at all (the store is
 * down, and waiting again would only double the wait). Stateless and thread-safe.
 */
public final class Transactions {

    /** The most lost connections one piece of work passes over: more than a store's pool holds. */
    public static final int MAX_LOST_CONNECTIONS = 10;

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    /**
     * Runs {@code work} in one transaction and commits it; see the class comment for when it is run again.
     *
     * @throws CommitOutcomeUnknownException when the commit was sent and the connection lost before its answer
     * @throws SQLException for any other failure, after which nothing of the work was committed
     */
    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        for (int lost = 0; ; lost++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = true;
                boolean committing = false;
                try {
                    autoCommit = connection.getAutoCommit();
                    connection.setAutoCommit(false);
                    T result = work.run(connection);
                    committing = true;
                    connection.commit();
                    restoreAutoCommit(connection, autoCommit);
                    return result;
                } catch (SQLException e) {
                    rollBack(connection, autoCommit, e);
                    if (committing && SqlErrors.isCommitOutcomeUnknown(e)) {
                        throw new CommitOutcomeUnknownException(e);
                    }
                    if (committing || !runAgain(e, lost)) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    rollBack(connection, autoCommit, e);
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} in autocommit, run again on another connection when the one it got had been lost. Only for
     * work that may run twice: reads, writes that set a value or are conditional on what the work read, a rate-limit
     * take (a second take can only take more, never grant more).
     */
    public static <T> T statements(DataSource dataSource, Work<T> work) throws SQLException {
        for (int lost = 0; ; lost++) {
            Connection connection = dataSource.getConnection();
            try (connection) {
                return work.run(connection);
            } catch (SQLException e) {
                if (!runAgain(e, lost)) {
                    throw e;
                }
            }
        }
    }

    private static boolean runAgain(SQLException e, int lost) {
        return SqlErrors.isConnectionLost(e) && lost + 1 < MAX_LOST_CONNECTIONS;
    }

    /**
     * Puts a connection's autocommit back after its transaction, never throwing over what the transaction did: on a
     * connection lost during the work (which the pool has already closed) its own "connection is closed" would hide
     * the loss behind an error of its own, and after a commit it would deny a change that was made. The pool resets
     * the autocommit of every connection it gets back, and drops a broken one.
     */
    public static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // the work's outcome stands: the pool resets the connection, or drops it
        }
    }

    /** Rolls back and restores the connection's mode; what fails on a lost connection is added to {@code failure}. */
    private static void rollBack(Connection connection, boolean autoCommit, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
