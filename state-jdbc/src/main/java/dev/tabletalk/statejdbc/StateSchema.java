package dev.tabletalk.statejdbc;

import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The three tables of the shared store, created when missing. The DDL is portable across PostgreSQL, MariaDB and
 * H2, so no dialect switch is needed. Two servers starting at once both try; the loser's duplicate row is ignored.
 */
final class StateSchema {

    static final String BUCKETS = "tabletalk_rate_bucket";
    static final String OPERATOR = "tabletalk_operator_state";
    static final String TARGET = "tabletalk_connect_target";

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
            // the operator's latest connect: url is a URL without a password, or (sealed = 1) a URL sealed with
            // sharedState.key; generation 0 with no url: no connect yet, every server serves its database.url
            statement.execute("CREATE TABLE IF NOT EXISTS " + TARGET + " ("
                    + "id INT NOT NULL PRIMARY KEY, "
                    + "generation BIGINT NOT NULL, "
                    + "description VARCHAR(512) NOT NULL, "
                    + "url VARCHAR(4000), "
                    + "sealed INT NOT NULL)");
        }
        insertOnce(connection, "INSERT INTO " + OPERATOR + " (id, read_only, reloads) VALUES (1, 0, 0)");
        insertOnce(
                connection,
                "INSERT INTO " + TARGET + " (id, generation, description, url, sealed) "
                        + "VALUES (1, 0, '', NULL, 0)");
    }

    private static void insertOnce(Connection connection, String insert) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert);
        } catch (SQLException e) {
            if (!SqlErrors.isIntegrityViolation(e)) {
                throw e;
            }
            // the row exists: another server (or an earlier start) created it
        }
    }
}
