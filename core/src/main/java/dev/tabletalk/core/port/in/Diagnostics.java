package dev.tabletalk.core.port.in;

/**
 * Checks a target database before TableTalk is pointed at it ({@code tabletalk doctor}): connection, server,
 * TLS, and whether the connected user may do more than TableTalk needs. Changes nothing and reads no row.
 * Thread-safe.
 */
public interface Diagnostics {

    /**
     * Checks the database at this URL.
     *
     * @param databaseUrl a JDBC URL or e.g. {@code postgresql://user@host/db}
     * @return the findings, never null; an unreachable database or a bad URL is a failed diagnosis, not an
     *     exception
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database answers but its schema
     *     or privileges cannot be read
     */
    Diagnosis check(String databaseUrl);
}
