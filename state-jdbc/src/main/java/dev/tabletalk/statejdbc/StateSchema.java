package dev.tabletalk.statejdbc;

import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two tables of the shared store, created when missing. The DDL is portable across PostgreSQL, MariaDB and
 * H2, so no dialect switch is needed. Two servers starting at once both try; the loser's duplicate row is ignored.
 */
final class StateSchema {

    static final String BUCKETS = "tabletalk_rate_bucket";
    static final String OPERATOR = "tabletalk_operator_state";

    private StateSchema() {}

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // bucket_key: the SHA-256 of the bucket's name (user ids may be long and are not stored in clear);
            // refilled_at: microseconds since the epoch of the last refill
            statement.execute("CREATE TABLE IF NOT EXISTS " + BUCKETS + " ("
                    + "bucket_key CHAR(64) NOT NULL PRIMARY KEY, "
                    + "tokens DOUBLE PRECISION NOT NULL, "
                    + "refilled_at BIGINT NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS " + OPERATOR + " ("
                    + "id INT NOT NULL PRIMARY KEY, "
                    + "read_only INT NOT NULL, "
                    + "reloads BIGINT NOT NULL)");
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + OPERATOR + " (id, read_only, reloads) VALUES (1, 0, 0)");
        } catch (SQLException e) {
            if (!SqlErrors.isIntegrityViolation(e)) {
                throw e;
            }
            // the row exists: another server (or an earlier start) created it
        }
    }
}
