package dev.tabletalk.jdbcsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that reads SQLStates and vendor codes: what kind of failure a database error is
 * ({@link #classify}), whether the connection failed, whether a lost COMMIT leaves its outcome unknown,
 * and why a login was refused. Reads the error's class, SQLState, vendor code and, where a driver gives
 * nothing better, its message; it never copies driver text anywhere. Stateless and thread-safe.
 */
public final class SqlErrors {

    /** How deep a cause chain is searched: far enough for any wrapping, bounded against cycles. */
    private static final int MAX_DEPTH = 16;
    /** PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now: the server went away. */
    private static final Set<String> SERVER_SHUTDOWN = Set.of("57P01", "57P02", "57P03");

    private SqlErrors() {}

    /** The first {@link SQLException} in the cause chain, if any. */
    public static Optional<SQLException> firstSqlException(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof SQLException sql) {
                return Optional.of(sql);
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    /**
     * What kind of failure an error of this database is. A connection exception type or SQLState class 08
     * is a {@link SqlErrorKind#CONNECTION} whatever the database; the rest is read per database (SQLState
     * for PostgreSQL, vendor code for MariaDB/MySQL and H2, primary result code and message for SQLite).
     */
    public static SqlErrorKind classify(Dialect dialect, SQLException error) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(error, "error");
        if (isConnectionFailure(error)) {
            return SqlErrorKind.CONNECTION;
        }
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        int code = error.getErrorCode();
        return switch (dialect) {
            case POSTGRESQL -> VendorCodes.postgres(state, error);
            case MARIADB, MYSQL -> VendorCodes.mysql(state, code, error);
            case H2 -> VendorCodes.h2(state, code, error);
            case SQLITE -> VendorCodes.sqlite(code, error);
        };
    }

    /**
     * Whether the database could not be reached at all, or the connection broke: a connection exception
     * type or SQLState class 08, whatever the database.
     */
    public static boolean isConnectionFailure(SQLException error) {
        return error instanceof SQLTransientConnectionException
                || error instanceof SQLNonTransientConnectionException
                || error instanceof SQLRecoverableException
                || hasStateClass(error, "08");
    }

    /**
     * Whether a connection the pool handed out had been lost: a {@link #isConnectionFailure connection failure} or
     * PostgreSQL's ended backend (57P01..57P03, which HikariCP also counts as a broken connection). A statement that
     * met it on a connection it had just taken from the pool ran nowhere else.
     */
    public static boolean isConnectionLost(SQLException error) {
        String state = error.getSQLState();
        return isConnectionFailure(error) || (state != null && SERVER_SHUTDOWN.contains(state));
    }

    /** Whether the error is an integrity constraint violation of any kind (SQLState class 23). */
    public static boolean isIntegrityViolation(SQLException error) {
        return hasStateClass(error, "23");
    }

    /** Whether the database rolled the transaction back: serialization failure or deadlock (SQLState class 40). */
    public static boolean isTransactionRollback(SQLException error) {
        return hasStateClass(error, "40");
    }

    /**
     * Whether a failed COMMIT leaves the write's outcome unknown (PUB-102): the connection was lost or the server
     * shut down while the commit was on its way (a connection failure, no SQLState, 57P01..57P03), or an
     * I/O failure outside JDBC. Anything else the database answered (a constraint, a serialization
     * failure, ...) is a definite rollback.
     */
    public static boolean isCommitOutcomeUnknown(Throwable error) {
        Optional<SQLException> sql = firstSqlException(error);
        if (sql.isPresent()) {
            SQLException e = sql.get();
            return e.getSQLState() == null || SERVER_SHUTDOWN.contains(e.getSQLState()) || isConnectionFailure(e);
        }
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof IOException || current instanceof UncheckedIOException) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    /** Why a server refused a new connection, when the error says so; empty for any other failure. */
    public static Optional<LoginFailure> loginFailure(Dialect dialect, SQLException error) {
        Objects.requireNonNull(dialect, "dialect");
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        int code = dialect.isMySqlFamily() ? error.getErrorCode() : 0;
        if (state.equals("28P01")
                || state.equals("28000")
                || code == 1045
                || error instanceof SQLInvalidAuthorizationSpecException) {
            return Optional.of(LoginFailure.BAD_CREDENTIALS);
        }
        if (code == 1044) {
            return Optional.of(LoginFailure.DATABASE_DENIED);
        }
        if (state.equals("3D000") || code == 1049) {
            return Optional.of(LoginFailure.UNKNOWN_DATABASE);
        }
        return Optional.empty();
    }

    private static boolean hasStateClass(SQLException error, String stateClass) {
        String state = error.getSQLState();
        return state != null && state.startsWith(stateClass);
    }
}
