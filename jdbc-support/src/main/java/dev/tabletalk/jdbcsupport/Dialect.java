package dev.tabletalk.jdbcsupport;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The databases TableTalk supports, with the facts about them that more than one module needs.
 * Detected from a JDBC URL ({@link #fromJdbcUrl}) or from an open connection's metadata
 * ({@link #of(DatabaseMetaData)}, {@link #fromProductName}). SQL that only one module writes (the
 * catalog's metadata queries, the audit store's column types, the executor's session settings) stays
 * in that module, chosen by a switch over these constants; the executor maps them to jOOQ's
 * {@code SQLDialect} in one place.
 */
public enum Dialect {
    POSTGRESQL("org.postgresql.Driver", 5432),
    MARIADB("org.mariadb.jdbc.Driver", 3306),
    /**
     * MySQL proper. TableTalk reaches it through the MariaDB driver, which speaks its protocol; a MySQL
     * server answers to that driver with the product name "MySQL".
     */
    MYSQL("org.mariadb.jdbc.Driver", 3306),
    SQLITE("org.sqlite.JDBC", -1),
    H2("org.h2.Driver", -1);

    private final String driverClassName;
    private final int defaultPort;

    Dialect(String driverClassName, int defaultPort) {
        this.driverClassName = driverClassName;
        this.defaultPort = defaultPort;
    }

    /** The JDBC driver class TableTalk uses for this database (it must be on the class path). */
    public String driverClassName() {
        return driverClassName;
    }

    /** The port a server listens on when a URL names none; empty for a file or in-memory database. */
    public OptionalInt defaultPort() {
        return defaultPort > 0 ? OptionalInt.of(defaultPort) : OptionalInt.empty();
    }

    /** Whether the database is a server reached over the network (as opposed to a file or memory). */
    public boolean isServer() {
        return defaultPort > 0;
    }

    /** MariaDB or MySQL: the same vendor error codes and mostly the same SQL. */
    public boolean isMySqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    /** Whether {@code SELECT ... FOR UPDATE} locks rows (SQLite locks the whole database instead). */
    public boolean supportsRowLocks() {
        return this != SQLITE;
    }

    /** Whether {@code Connection.setReadOnly} may be called on an open connection. */
    public boolean supportsReadOnlyTransactions() {
        return this != SQLITE;
    }

    /**
     * The database of a JDBC {@code DatabaseMetaData.getDatabaseProductName()}, if supported.
     *
     * @param productName the product name; {@code null} is an unsupported database
     */
    public static Optional<Dialect> fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.contains("mariadb")) {
            return Optional.of(MARIADB);
        }
        if (name.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        if (name.contains("sqlite")) {
            return Optional.of(SQLITE);
        }
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }

    /** The database behind an open connection's metadata, if supported. */
    public static Optional<Dialect> of(DatabaseMetaData metaData) throws SQLException {
        return fromProductName(metaData.getDatabaseProductName());
    }

    /**
     * The database a JDBC URL names by its subprotocol ({@code jdbc:postgresql:}, {@code jdbc:mariadb:},
     * {@code jdbc:mysql:}, {@code jdbc:sqlite:}, {@code jdbc:h2:}, in any case), if supported.
     *
     * @param jdbcUrl the URL; {@code null} or another subprotocol is an unsupported database
     */
    public static Optional<Dialect> fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return Optional.of(MARIADB);
        }
        if (url.startsWith("jdbc:mysql:")) {
            return Optional.of(MYSQL);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return Optional.of(SQLITE);
        }
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }
}
