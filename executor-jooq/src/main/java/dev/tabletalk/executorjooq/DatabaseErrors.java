package dev.tabletalk.executorjooq;

import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns database errors into specific refusals, by SQLState and vendor code per dialect. Messages
 * are written here for people: no SQL, driver text, constraint names or values. Only connection
 * failures are outages; a database that answered with any other error is a {@link DatabaseFault}.
 */
final class DatabaseErrors {

    /** What kind of failure a database error is. */
    enum Kind {
        UNIQUE,
        FOREIGN_KEY,
        NOT_NULL,
        CHECK,
        TOO_LONG,
        OUT_OF_RANGE,
        STATEMENT_TIMEOUT,
        LOCK_TIMEOUT,
        /** Deadlock or serialization failure: the transaction may be tried once more. */
        RETRYABLE,
        /** A materialized view that has not been populated: not an outage, not retryable. */
        NOT_POPULATED,
        /** The database account lacks a privilege: not an outage, not retryable. */
        PERMISSION_DENIED,
        CONNECTION,
        /** Any other error of a database that answered: not an outage, not retryable. */
        OTHER
    }

    private DatabaseErrors() {}

    /** The first {@link SQLException} in the cause chain, if any. */
    static Optional<SQLException> sqlException(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof SQLException sql) {
                return Optional.of(sql);
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    /**
     * Whether a failed COMMIT leaves the write's outcome unknown (PUB-102): the connection was lost or the
     * server shut down while the commit was on its way (SQLState class 08, no SQLState, 57P01..57P03, a
     * connection exception type), or an I/O failure outside JDBC. Anything else the database answered
     * (a constraint, a serialization failure, ...) is a definite rollback.
     */
    static boolean commitOutcomeUnknown(Throwable error) {
        Optional<SQLException> sql = sqlException(error);
        if (sql.isPresent()) {
            SQLException e = sql.get();
            String state = e.getSQLState();
            return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException;
        }
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof java.io.IOException || current instanceof java.io.UncheckedIOException) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    static Kind classify(Dialect dialect, SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        int code = error.getErrorCode();
        if (error instanceof SQLTransientConnectionException || error instanceof SQLNonTransientConnectionException
                || error instanceof SQLRecoverableException || state.startsWith("08")) {
            return Kind.CONNECTION;
        }
        return switch (dialect) {
            case POSTGRES -> postgres(state, error);
            case MARIADB, MYSQL -> mysql(state, code, error);
            case H2 -> h2(state, code, error);
            case SQLITE -> sqlite(code, error);
        };
    }

    private static Kind postgres(String state, SQLException error) {
        return switch (state) {
            case "23505" -> Kind.UNIQUE;
            case "23503" -> Kind.FOREIGN_KEY;
            case "23502" -> Kind.NOT_NULL;
            case "23514" -> Kind.CHECK;
            case "22001" -> Kind.TOO_LONG;
            case "22003" -> Kind.OUT_OF_RANGE;
            case "57014" -> Kind.STATEMENT_TIMEOUT;
            case "55P03" -> Kind.LOCK_TIMEOUT;
            case "40001", "40P01" -> Kind.RETRYABLE;
            case "42501" -> Kind.PERMISSION_DENIED;
            // 55000 (object not in prerequisite state) is an unpopulated materialized view when reading rows
            case "55000" -> message(error).contains("POPULATED") ? Kind.NOT_POPULATED : Kind.OTHER;
            case "57P01", "57P02", "57P03", "53300" -> Kind.CONNECTION;
            default -> error instanceof SQLTimeoutException ? Kind.STATEMENT_TIMEOUT : Kind.OTHER;
        };
    }

    private static Kind mysql(String state, int code, SQLException error) {
        return switch (code) {
            case 1062, 1586 -> Kind.UNIQUE;
            case 1451, 1452, 1216, 1217 -> Kind.FOREIGN_KEY;
            case 1048, 1364 -> Kind.NOT_NULL;
            case 3819, 4025 -> Kind.CHECK;
            case 1406 -> Kind.TOO_LONG;
            case 1264, 1690, 1365 -> Kind.OUT_OF_RANGE;
            case 1969, 3024, 1317 -> Kind.STATEMENT_TIMEOUT;
            case 1205 -> Kind.LOCK_TIMEOUT;
            case 1213 -> Kind.RETRYABLE;
            case 1142, 1143, 1044, 1227, 1370 -> Kind.PERMISSION_DENIED;
            case 2002, 2003, 2006, 2013, 1927, 1053 -> Kind.CONNECTION;
            default -> {
                if (error instanceof SQLTimeoutException || state.equals("70100")) {
                    yield Kind.STATEMENT_TIMEOUT;
                }
                yield state.equals("40001") ? Kind.RETRYABLE : Kind.OTHER;
            }
        };
    }

    private static Kind h2(String state, int code, SQLException error) {
        return switch (code) {
            case 23505 -> Kind.UNIQUE;
            case 23503, 23506 -> Kind.FOREIGN_KEY;
            case 23502 -> Kind.NOT_NULL;
            case 23513, 23514 -> Kind.CHECK;
            case 22001 -> Kind.TOO_LONG;
            case 22003 -> Kind.OUT_OF_RANGE;
            case 57014 -> Kind.STATEMENT_TIMEOUT;
            case 50200 -> Kind.LOCK_TIMEOUT;
            case 40001 -> Kind.RETRYABLE;
            case 90096 -> Kind.PERMISSION_DENIED;
            case 90067, 90098, 90121 -> Kind.CONNECTION;
            default -> error instanceof SQLTimeoutException || state.equals("57014") ? Kind.STATEMENT_TIMEOUT : Kind.OTHER;
        };
    }

    private static Kind sqlite(int code, SQLException error) {
        String text = message(error);
        int primary = code & 0xff;
        if (primary == 3 || primary == 8 || primary == 23) {
            // SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH
            return Kind.PERMISSION_DENIED;
        }
        if (primary == 5 || primary == 6 || text.contains("SQLITE_BUSY") || text.contains("SQLITE_LOCKED")) {
            return Kind.LOCK_TIMEOUT;
        }
        if (primary == 9 || text.contains("SQLITE_INTERRUPT") || error instanceof SQLTimeoutException) {
            return Kind.STATEMENT_TIMEOUT;
        }
        if (primary == 19 || text.contains("SQLITE_CONSTRAINT")) {
            if (text.contains("FOREIGNKEY") || text.contains("FOREIGN KEY")) {
                return Kind.FOREIGN_KEY;
            }
            if (text.contains("NOTNULL") || text.contains("NOT NULL")) {
                return Kind.NOT_NULL;
            }
            if (text.contains("CHECK")) {
                return Kind.CHECK;
            }
            if (text.contains("UNIQUE") || text.contains("PRIMARYKEY") || text.contains("PRIMARY KEY")) {
                return Kind.UNIQUE;
            }
            return Kind.CHECK;
        }
        if (primary == 13 || text.contains("SQLITE_TOOBIG")) {
            return Kind.TOO_LONG;
        }
        if (primary == 14 || primary == 26 || primary == 10) {
            return Kind.CONNECTION;
        }
        return Kind.OTHER;
    }

    private static String message(SQLException error) {
        return error.getMessage() == null ? "" : error.getMessage().toUpperCase(Locale.ROOT);
    }

    /**
     * The fault of a database that answered but refused, for a kind that is neither an expected outcome
     * (see {@link #refusal}) nor a connection failure; empty for those.
     */
    static Optional<DatabaseFault> fault(Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case NOT_POPULATED -> DatabaseFault.NOT_POPULATED;
            case PERMISSION_DENIED -> DatabaseFault.PERMISSION_DENIED;
            case OTHER -> DatabaseFault.UNEXPECTED;
            default -> null;
        });
    }

    /**
     * The database's error class for the audit log: SQLState, vendor code and the exception's class,
     * never its message (which may hold SQL, names or values).
     */
    static String errorClass(Kind kind, SQLException error) {
        return "database error " + kind.name().toLowerCase(Locale.ROOT) + ": SQLState "
                + (error.getSQLState() == null ? "-" : error.getSQLState()) + ", vendor code " + error.getErrorCode()
                + " (" + error.getClass().getSimpleName() + ")";
    }

    /** The refusal for a kind that is an expected outcome; empty for connection and unexpected errors. */
    static Optional<Refusal> refusal(Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case UNIQUE -> Refusal.of(RefusalCode.UNIQUE_VIOLATION,
                    "Another row already has that value where values must be unique. Use a different value.");
            case FOREIGN_KEY -> Refusal.of(RefusalCode.FOREIGN_KEY_VIOLATION,
                    "That refers to a row that does not exist (or is still referred to). Check the id and try again.");
            case NOT_NULL -> Refusal.of(RefusalCode.NOT_NULL_VIOLATION,
                    "A required value is missing. Fill it in and try again.");
            case CHECK -> Refusal.of(RefusalCode.CHECK_VIOLATION,
                    "The database does not accept one of these values (it breaks a rule of the table). "
                            + "Check the values and try again.");
            case TOO_LONG -> Refusal.of(RefusalCode.VALUE_TOO_LONG,
                    "One of the values is too long for its field. Shorten it and try again.");
            case OUT_OF_RANGE -> Refusal.of(RefusalCode.OUT_OF_RANGE,
                    "One of the numbers is too large or too small for its field. Use a smaller value.");
            case STATEMENT_TIMEOUT -> Refusal.of(RefusalCode.STATEMENT_TIMEOUT,
                    "That took too long and was stopped; nothing was changed. Narrow it down "
                            + "(for example by id or a date range) and try again.");
            case LOCK_TIMEOUT, RETRYABLE -> Refusal.of(RefusalCode.LOCK_TIMEOUT,
                    "Someone else is changing these rows right now, so nothing was changed. Try again in a moment.");
            case NOT_POPULATED, PERMISSION_DENIED, CONNECTION, OTHER -> null;
        });
    }
}
