package dev.tabletalk.statejdbc;

import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction (or one idempotent statement) on the shared store, tried again on another connection when the
 * connection it got had been lost already: after the store restarted or its backends were ended, a pool still hands out connections it used a moment
 * ago without checking them, and the first statement on one fails. A transaction that failed that way before its
 * commit was sent committed nothing, so running it again changes nothing twice; the operator's act goes through
 * instead of being refused once for a store that is back. Never tried again: a failure of the commit itself (its
 * outcome is unknown), any other error, and a failure to get a connection at all (the store is down, and waiting
 * again would only double the wait).
 */
final class Transactions {

    /** The most lost connections one transaction passes over: more than a store's pool holds. */
    static final int MAX_LOST_CONNECTIONS = 10;

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    /** A unit of work on the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    /** Runs {@code work} in a transaction and commits it; see the class comment for when it is run again. */
    static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        for (int lost = 0; ; lost++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    return committed(connection, work);
                } catch (NotCommitted failure) {
                    SQLException cause = failure.cause;
                    if (!SqlErrors.isConnectionLost(cause) || lost + 1 >= MAX_LOST_CONNECTIONS) {
                        throw cause;
                    }
                    log.debug("a shared-store connection was lost before its commit; trying another", cause);
                }
            }
        }
    }

    /**
     * Runs statements in autocommit on a connection of its own, tried again on another connection when the one it got
     * had been lost; a failure to get a connection is not tried again. Only for work that may run twice: reads, a write
     * that sets a value (the same done twice), a rate-limit take (a second take can only take more, never grant more).
     */
    static <T> T statement(DataSource dataSource, Work<T> work) throws SQLException {
        for (int lost = 0; ; lost++) {
            Connection connection = dataSource.getConnection();
            try (connection) {
                return work.run(connection);
            } catch (SQLException e) {
                if (!SqlErrors.isConnectionLost(e) || lost + 1 >= MAX_LOST_CONNECTIONS) {
                    throw e;
                }
                log.debug("a shared-store connection was lost; reading again on another", e);
            }
        }
    }

    private static <T> T committed(Connection connection, Work<T> work) throws SQLException, NotCommitted {
        boolean autoCommit = true;
        T result;
        try {
            autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            result = work.run(connection);
        } catch (SQLException e) {
            rollBack(connection, autoCommit, e);
            throw new NotCommitted(e);
        } catch (RuntimeException e) {
            rollBack(connection, autoCommit, e);
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollBack(connection, autoCommit, e);
            throw e;
        }
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // committed all the same: the pool resets the connection, or drops it
            log.debug("a shared-store connection's mode could not be restored after its commit", e);
        }
        return result;
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

    /** A failure before the commit was sent: nothing of the transaction was committed. */
    private static final class NotCommitted extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient SQLException cause;

        NotCommitted(SQLException cause) {
            super(null, cause, false, false);
            this.cause = cause;
        }
    }
}
