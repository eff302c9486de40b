package dev.tabletalk.schemacatalog;

import dev.tabletalk.jdbcsupport.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
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

    /**
     * The condition on a schema column for these schemas: {@code in (?, ?)} for the given ones, else
     * {@code defaultCondition} (e.g. {@code = database()}). Bind them with {@link #prepare}.
     */
    static String schemaCondition(List<String> schemas, String defaultCondition) {
        return schemas.isEmpty()
                ? defaultCondition
                : "in (" + String.join(", ", Collections.nCopies(schemas.size(), "?")) + ")";
    }

    /** A statement with the schema names bound in order, as {@link #schemaCondition} placed them. */
    static PreparedStatement prepare(Connection connection, String sql, List<String> schemas) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < schemas.size(); i++) {
            statement.setString(i + 1, schemas.get(i));
        }
        return statement;
    }

    static Introspector of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresIntrospector();
            case MARIADB, MYSQL -> new MariaDbIntrospector();
            case SQLITE -> new SqliteIntrospector();
            case H2 -> new H2Introspector();
        };
    }
}
