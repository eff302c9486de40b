package dev.tabletalk.core.error;

/**
 * Why the target database refused a statement when it is reachable and answering: not an outage,
 * so trying again does not help. Carried by a non-retryable {@link DependencyUnavailableException}.
 */
public enum DatabaseFault {
    /** A materialized view that has not been populated yet (PostgreSQL SQLState 55000). */
    NOT_POPULATED,
    /** The database account lacks a privilege (PostgreSQL 42501, MariaDB 1142/1143). */
    PERMISSION_DENIED,
    /** Any other error of the database that is not about the connection. */
    UNEXPECTED
}
