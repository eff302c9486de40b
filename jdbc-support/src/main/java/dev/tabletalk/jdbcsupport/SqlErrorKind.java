package dev.tabletalk.jdbcsupport;

/**
 * What kind of failure a database error is, as {@link SqlErrors#classify} reads it from the SQLState,
 * the vendor code and (where the driver gives nothing better) the message. What to do about each kind
 * (refuse, retry, report an outage) is the caller's decision.
 */
public enum SqlErrorKind {
    /** A unique or primary-key constraint was violated. */
    UNIQUE,
    /** A foreign key points at a row that does not exist, or a referenced row is still referred to. */
    FOREIGN_KEY,
    /** A required value is missing. */
    NOT_NULL,
    /** A check constraint was violated. */
    CHECK,
    /** A value is too long for its column. */
    TOO_LONG,
    /** A number is out of its column's range. */
    OUT_OF_RANGE,
    /** The statement ran out of time and was cancelled. */
    STATEMENT_TIMEOUT,
    /** A lock could not be taken in time. */
    LOCK_TIMEOUT,
    /** Deadlock or serialization failure: the transaction may be tried once more. */
    RETRYABLE,
    /** A materialized view that has not been populated: not an outage, not retryable. */
    NOT_POPULATED,
    /** The database account lacks a privilege: not an outage, not retryable. */
    PERMISSION_DENIED,
    /** The connection failed or was lost, or the server is shutting down or full: an outage. */
    CONNECTION,
    /** Any other error of a database that answered: not an outage, not retryable. */
    OTHER
}
