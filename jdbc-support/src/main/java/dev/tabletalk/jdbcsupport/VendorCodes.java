package dev.tabletalk.jdbcsupport;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;

/** The per-database tables behind {@link SqlErrors#classify}, for errors that are not connection failures. */
final class VendorCodes {

    private VendorCodes() {}

    /** PostgreSQL: by SQLState (its vendor code is always 0). */
    static SqlErrorKind postgres(String state, SQLException error) {
        return switch (state) {
            case "23505" -> SqlErrorKind.UNIQUE;
            case "23503" -> SqlErrorKind.FOREIGN_KEY;
            case "23502" -> SqlErrorKind.NOT_NULL;
            case "23514" -> SqlErrorKind.CHECK;
            case "22001" -> SqlErrorKind.TOO_LONG;
            case "22003" -> SqlErrorKind.OUT_OF_RANGE;
            case "57014" -> SqlErrorKind.STATEMENT_TIMEOUT;
            case "55P03" -> SqlErrorKind.LOCK_TIMEOUT;
            case "40001", "40P01" -> SqlErrorKind.RETRYABLE;
            case "42501" -> SqlErrorKind.PERMISSION_DENIED;
            // 55000 (object not in prerequisite state) is an unpopulated materialized view when reading rows
            case "55000" -> message(error).contains("POPULATED") ? SqlErrorKind.NOT_POPULATED : SqlErrorKind.OTHER;
            case "57P01", "57P02", "57P03", "53300" -> SqlErrorKind.CONNECTION;
            default -> error instanceof SQLTimeoutException ? SqlErrorKind.STATEMENT_TIMEOUT : SqlErrorKind.OTHER;
        };
    }

    /** MariaDB and MySQL: by vendor code (their SQLStates are too coarse: 23000, HY000, 42000). */
    static SqlErrorKind mysql(String state, int code, SQLException error) {
        return switch (code) {
            case 1062, 1586 -> SqlErrorKind.UNIQUE;
            case 1451, 1452, 1216, 1217 -> SqlErrorKind.FOREIGN_KEY;
            case 1048, 1364 -> SqlErrorKind.NOT_NULL;
            case 3819, 4025 -> SqlErrorKind.CHECK;
            case 1406 -> SqlErrorKind.TOO_LONG;
            case 1264, 1690, 1365 -> SqlErrorKind.OUT_OF_RANGE;
            case 1969, 3024, 1317 -> SqlErrorKind.STATEMENT_TIMEOUT;
            case 1205 -> SqlErrorKind.LOCK_TIMEOUT;
            case 1213 -> SqlErrorKind.RETRYABLE;
            case 1142, 1143, 1044, 1227, 1370 -> SqlErrorKind.PERMISSION_DENIED;
            case 2002, 2003, 2006, 2013, 1927, 1053 -> SqlErrorKind.CONNECTION;
            default -> {
                if (error instanceof SQLTimeoutException || state.equals("70100")) {
                    yield SqlErrorKind.STATEMENT_TIMEOUT;
                }
                yield state.equals("40001") ? SqlErrorKind.RETRYABLE : SqlErrorKind.OTHER;
            }
        };
    }

    /** H2: by vendor code (H2's codes mostly equal the SQLState as a number). */
    static SqlErrorKind h2(String state, int code, SQLException error) {
        return switch (code) {
            case 23505 -> SqlErrorKind.UNIQUE;
            case 23503, 23506 -> SqlErrorKind.FOREIGN_KEY;
            case 23502 -> SqlErrorKind.NOT_NULL;
            case 23513, 23514 -> SqlErrorKind.CHECK;
            case 22001 -> SqlErrorKind.TOO_LONG;
            case 22003 -> SqlErrorKind.OUT_OF_RANGE;
            case 57014 -> SqlErrorKind.STATEMENT_TIMEOUT;
            case 50200 -> SqlErrorKind.LOCK_TIMEOUT;
            case 40001 -> SqlErrorKind.RETRYABLE;
            case 90096 -> SqlErrorKind.PERMISSION_DENIED;
            case 90067, 90098, 90121 -> SqlErrorKind.CONNECTION;
            default ->
                error instanceof SQLTimeoutException || state.equals("57014")
                        ? SqlErrorKind.STATEMENT_TIMEOUT
                        : SqlErrorKind.OTHER;
        };
    }

    /** SQLite: by primary result code (the low byte of the extended code) and the driver's message. */
    static SqlErrorKind sqlite(int code, SQLException error) {
        String text = message(error);
        int primary = code & 0xff;
        if (primary == 3 || primary == 8 || primary == 23) {
            // SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH
            return SqlErrorKind.PERMISSION_DENIED;
        }
        if (primary == 5 || primary == 6 || text.contains("SQLITE_BUSY") || text.contains("SQLITE_LOCKED")) {
            return SqlErrorKind.LOCK_TIMEOUT;
        }
        if (primary == 9 || text.contains("SQLITE_INTERRUPT") || error instanceof SQLTimeoutException) {
            return SqlErrorKind.STATEMENT_TIMEOUT;
        }
        if (primary == 19 || text.contains("SQLITE_CONSTRAINT")) {
            return sqliteConstraint(text);
        }
        if (primary == 13 || text.contains("SQLITE_TOOBIG")) {
            return SqlErrorKind.TOO_LONG;
        }
        if (primary == 14 || primary == 26 || primary == 10) {
            // SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_IOERR
            return SqlErrorKind.CONNECTION;
        }
        return SqlErrorKind.OTHER;
    }

    private static SqlErrorKind sqliteConstraint(String text) {
        if (text.contains("FOREIGNKEY") || text.contains("FOREIGN KEY")) {
            return SqlErrorKind.FOREIGN_KEY;
        }
        if (text.contains("NOTNULL") || text.contains("NOT NULL")) {
            return SqlErrorKind.NOT_NULL;
        }
        if (text.contains("CHECK")) {
            return SqlErrorKind.CHECK;
        }
        if (text.contains("UNIQUE") || text.contains("PRIMARYKEY") || text.contains("PRIMARY KEY")) {
            return SqlErrorKind.UNIQUE;
        }
        return SqlErrorKind.CHECK;
    }

    private static String message(SQLException error) {
        return error.getMessage() == null ? "" : error.getMessage().toUpperCase(Locale.ROOT);
    }
}
