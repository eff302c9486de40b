package dev.tabletalk.schemacatalog;

import java.util.Locale;
import java.util.Optional;

/** The database families the catalog can read. */
public enum Dialect {
    POSTGRESQL("org.postgresql.Driver", 5432),
    /** MariaDB and MySQL, both through the MariaDB driver. */
    MARIADB("org.mariadb.jdbc.Driver", 3306),
    SQLITE("org.sqlite.JDBC", -1),
    H2("org.h2.Driver", -1);

    private final String driverClassName;
    private final int defaultPort;

    Dialect(String driverClassName, int defaultPort) {
        this.driverClassName = driverClassName;
        this.defaultPort = defaultPort;
    }

    /** The JDBC driver class this dialect needs on the class path. */
    public String driverClassName() {
        return driverClassName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** Whether the database is a server reached over the network (as opposed to a file or memory). */
    public boolean isServer() {
        return defaultPort > 0;
    }

    /** The dialect of a JDBC {@code DatabaseMetaData.getDatabaseProductName()}, if supported. */
    static Optional<Dialect> fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return Optional.of(MARIADB);
        }
        if (name.contains("sqlite")) {
            return Optional.of(SQLITE);
        }
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }
}
