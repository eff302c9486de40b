package dev.tabletalk.executorjooq;

import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.jdbcsupport.SqlErrorKind;
import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the kind of a database error ({@link SqlErrors#classify}, shared with the catalog and the audit)
 * into what the executor answers: a specific refusal, a fault, or an outage. Messages are written here
 * for people: no SQL, driver text, constraint names or values. Only connection failures are outages; a
 * database that answered with any other error is a {@link DatabaseFault}.
 */
final class DatabaseErrors {

    private DatabaseErrors() {}

    /**
     * The fault of a database that answered but refused, for a kind that is neither an expected outcome
     * (see {@link #refusal}) nor a connection failure; empty for those.
     */
    static Optional<DatabaseFault> fault(SqlErrorKind kind) {
        return Optional.ofNullable(
                switch (kind) {
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
    static String errorClass(SqlErrorKind kind, SQLException error) {
        return "database error " + kind.name().toLowerCase(Locale.ROOT) + ": SQLState "
                + (error.getSQLState() == null ? "-" : error.getSQLState()) + ", vendor code " + error.getErrorCode()
                + " (" + error.getClass().getSimpleName() + ")";
    }

    /** The refusal for a kind that is an expected outcome; empty for connection and unexpected errors. */
    static Optional<Refusal> refusal(SqlErrorKind kind) {
        return Optional.ofNullable(
                switch (kind) {
                    case UNIQUE ->
                        Refusal.of(
                                RefusalCode.UNIQUE_VIOLATION,
                                "Another row already has that value where values must be unique. Use a different value.");
                    case FOREIGN_KEY ->
                        Refusal.of(
                                RefusalCode.FOREIGN_KEY_VIOLATION,
                                "That refers to a row that does not exist (or is still referred to). Check the id and try again.");
                    case NOT_NULL ->
                        Refusal.of(
                                RefusalCode.NOT_NULL_VIOLATION,
                                "A required value is missing. Fill it in and try again.");
                    case CHECK ->
                        Refusal.of(
                                RefusalCode.CHECK_VIOLATION,
                                "The database does not accept one of these values (it breaks a rule of the table). "
                                        + "Check the values and try again.");
                    case TOO_LONG ->
                        Refusal.of(
                                RefusalCode.VALUE_TOO_LONG,
                                "One of the values is too long for its field. Shorten it and try again.");
                    case OUT_OF_RANGE ->
                        Refusal.of(
                                RefusalCode.OUT_OF_RANGE,
                                "One of the numbers is too large or too small for its field. Use a smaller value.");
                    case STATEMENT_TIMEOUT ->
                        Refusal.of(
                                RefusalCode.STATEMENT_TIMEOUT,
                                "That took too long and was stopped; nothing was changed. Narrow it down "
                                        + "(for example by id or a date range) and try again.");
                    case LOCK_TIMEOUT, RETRYABLE ->
                        Refusal.of(
                                RefusalCode.LOCK_TIMEOUT,
                                "Someone else is changing these rows right now, so nothing was changed. Try again in a moment.");
                    case NOT_POPULATED, PERMISSION_DENIED, CONNECTION, OTHER -> null;
                });
    }
}
