package dev.tabletalk.schemacatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the tables of one dialect with a few bulk metadata queries (never one query per table). */
interface Introspector {

    /** The number of progress steps {@link #read} reports. */
    int steps();

    /**
     * Reads every table and view of the schemas, in a stable order.
     *
     * @param schemas the schemas to read; empty for the dialect's default
     */
    List<TableMeta> read(Connection connection, List<String> schemas, CatalogProgress progress) throws SQLException;

    static Introspector of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresIntrospector();
            case MARIADB -> new MariaDbIntrospector();
            case SQLITE -> new SqliteIntrospector();
            case H2 -> new H2Introspector();
        };
    }
}
