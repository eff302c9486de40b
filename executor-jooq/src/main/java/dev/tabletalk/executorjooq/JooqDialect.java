package dev.tabletalk.executorjooq;

import dev.tabletalk.jdbcsupport.Dialect;
import org.jooq.SQLDialect;

/**
 * The one mapping from the detected database to jOOQ's {@link SQLDialect} (#12): past the jOOQ
 * configuration, jOOQ renders by its own dialect, and the executor decides by the shared {@link Dialect}.
 */
final class JooqDialect {

    private JooqDialect() {}

    static SQLDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> SQLDialect.POSTGRES;
            case MARIADB -> SQLDialect.MARIADB;
            case MYSQL -> SQLDialect.MYSQL;
            case SQLITE -> SQLDialect.SQLITE;
            case H2 -> SQLDialect.H2;
        };
    }
}
