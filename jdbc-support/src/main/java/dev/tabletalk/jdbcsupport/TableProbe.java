package dev.tabletalk.jdbcsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a table of TableTalk's own stores exists and may be read, asked before creating it: a store whose tables
 * their owner made beforehand can then be opened by a user that may only read and write their rows (PostgreSQL,
 * MariaDB and H2 refuse even {@code CREATE TABLE IF NOT EXISTS} of an existing table to a user without the right to
 * create one). Stateless.
 */
public final class TableProbe {

    private TableProbe() {}

    /**
     * Whether {@code table} answers a query of {@code columns} (no rows are read). Run it in autocommit: on
     * PostgreSQL a failed query ends the transaction it is in. When it does not answer, creating the table or adding
     * the columns says what is wrong, if it is not that they are missing.
     *
     * @param table a table name of TableTalk's own (never a caller's text)
     * @param columns column names of that table, at least one
     */
    public static boolean answers(Connection connection, String table, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one column of " + table);
        }
        try (Statement statement = connection.createStatement()) {
            statement
                    .executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0")
                    .close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
