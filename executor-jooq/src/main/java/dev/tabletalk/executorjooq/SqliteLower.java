package dev.tabletalk.executorjooq;

import dev.tabletalk.core.error.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * The SQLite user function {@value TextComparison#SQLITE_LOWER}: {@link TextComparison#fold} in the
 * database, because SQLite's own {@code lower()} folds ASCII letters only (#13). Registered by
 * {@link TargetDatabase} once per physical connection, as a connection-local definition (nothing is
 * stored in the database file); NULL stays NULL. Loaded only when the target is SQLite, whose driver
 * (xerial sqlite-jdbc) is then present.
 */
final class SqliteLower extends Function {

    /** SQLite's type code of NULL ({@code SQLITE_NULL}). */
    private static final int SQLITE_NULL = 5;

    private SqliteLower() {}

    @Override
    protected void xFunc() throws SQLException {
        if (value_type(0) == SQLITE_NULL) {
            result();
        } else {
            result(TextComparison.fold(value_text(0)));
        }
    }

    /**
     * The physical SQLite connection behind {@code connection} (a pool's proxy is unwrapped): the one the
     * function is registered on.
     */
    static Connection physical(Connection connection) {
        try {
            return connection.unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            throw unsupportedDriver();
        }
    }

    /** The answer when the SQLite connection is not one of the xerial driver (no user functions then). */
    private static ConfigurationException unsupportedDriver() {
        // no cause: a driver's SQLException must not be taken for a database error of the statement
        return new ConfigurationException(
                "SQLite is supported through the xerial sqlite-jdbc driver only: text filters need its user functions");
    }

    /** Registers the function on {@code physical} (from {@link #physical}); again is harmless. */
    static void register(Connection physical) throws SQLException {
        Function.create(physical, TextComparison.SQLITE_LOWER, new SqliteLower(), 1, Function.FLAG_DETERMINISTIC);
    }
}
