package dev.tabletalk.executorjooq;

import java.util.Locale;
import org.jooq.SQLDialect;

/** The target databases the executor knows, detected from the JDBC product name. */
enum Dialect {
    POSTGRES(SQLDialect.POSTGRES),
    MARIADB(SQLDialect.MARIADB),
    MYSQL(SQLDialect.MYSQL),
    SQLITE(SQLDialect.SQLITE),
    H2(SQLDialect.H2);

    private final SQLDialect jooq;

    Dialect(SQLDialect jooq) {
        this.jooq = jooq;
    }

    SQLDialect jooq() {
        return jooq;
    }

    /** The dialect for a JDBC {@code DatabaseMetaData.getDatabaseProductName()}, if supported. */
    static java.util.Optional<Dialect> fromProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return java.util.Optional.of(POSTGRES);
        }
        if (name.contains("mariadb")) {
            return java.util.Optional.of(MARIADB);
        }
        if (name.contains("mysql")) {
            return java.util.Optional.of(MYSQL);
        }
        if (name.contains("sqlite")) {
            return java.util.Optional.of(SQLITE);
        }
        if (name.equals("h2")) {
            return java.util.Optional.of(H2);
        }
        return java.util.Optional.empty();
    }

    boolean isMySqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    /** Whether {@code SELECT ... FOR UPDATE} locks rows (SQLite locks the whole database instead). */
    boolean supportsRowLocks() {
        return this != SQLITE;
    }

    /** Whether {@code Connection.setReadOnly} may be called on an open connection. */
    boolean supportsReadOnlyTransactions() {
        return this != SQLITE;
    }

    /**
     * Whether reads take values straight from the JDBC result set by column type ({@link DirectRows})
     * instead of through jOOQ records: PostgreSQL, whose driver returns every catalog type natively.
     */
    boolean readsColumnsDirectly() {
        return this == POSTGRES;
    }

    /** Whether the optional EXPLAIN cost gate applies. */
    boolean supportsCostGate() {
        return this == POSTGRES || isMySqlFamily();
    }
}
