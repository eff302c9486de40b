package dev.tabletalk.statejdbc;

import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.TableProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The three tables of the shared store, created when missing. The DDL is portable across PostgreSQL, MariaDB and
 * H2, so no dialect switch is needed. Two servers starting at once both try; the loser's duplicate row is ignored.
 */
final class StateSchema {

    static final String BUCKETS = "tabletalk_rate_bucket";
    static final String OPERATOR = "tabletalk_operator_state";
    static final String TARGET = "tabletalk_connect_target";

    /** The SQLStates of a column that exists: PostgreSQL {@code 42701}, MariaDB {@code 42S21}, H2 {@code 42121}. */
    private static final Set<String> DUPLICATE_COLUMN = Set.of("42701", "42S21", "42121");

    /** What an operator runs once, as the owner of {@link #BUCKETS}, when the store's user may not add its columns. */
    static final String ADD_LIMIT_COLUMNS = "ALTER TABLE " + BUCKETS + " ADD COLUMN capacity DOUBLE PRECISION; "
            + "ALTER TABLE " + BUCKETS + " ADD COLUMN period_micros DOUBLE PRECISION";

    private StateSchema() {}

    /**
     * Creates the tables that are missing, and adds the columns a store made by an earlier version lacks. A table
     * that exists is only read, so that a store whose tables its owner made beforehand can be used by a user that
     * may only read and write their rows.
     *
     * @throws ColumnsNotAdded when the columns are missing and adding them fails
     */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!TableProbe.answers(connection, BUCKETS, "bucket_key")) {
                // bucket_key: the SHA-256 of the bucket's name (user ids may be long and are not stored in clear);
                // refilled_at: microseconds since the epoch of the last refill; capacity and period_micros: the
                // limit the bucket was last taken under, which says when it is full and may be swept (NULL in a row
                // written before they were kept: it is swept only once a take has kept them)
                statement.execute("CREATE TABLE IF NOT EXISTS " + BUCKETS + " ("
                        + "bucket_key CHAR(64) NOT NULL PRIMARY KEY, "
                        + "tokens DOUBLE PRECISION NOT NULL, "
                        + "refilled_at BIGINT NOT NULL, "
                        + "capacity DOUBLE PRECISION, "
                        + "period_micros DOUBLE PRECISION)");
            } else if (!TableProbe.answers(connection, BUCKETS, "capacity", "period_micros")) {
                // a store made before the limit was kept in the row (PostgreSQL, MariaDB and H2 all know ADD
                // COLUMN IF NOT EXISTS; it is only run when missing, as it locks the whole table on PostgreSQL)
                addColumnOnce(statement, BUCKETS, "capacity DOUBLE PRECISION");
                addColumnOnce(statement, BUCKETS, "period_micros DOUBLE PRECISION");
            }
            if (!TableProbe.answers(connection, OPERATOR, "id")) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + OPERATOR + " ("
                        + "id INT NOT NULL PRIMARY KEY, "
                        + "read_only INT NOT NULL, "
                        + "reloads BIGINT NOT NULL)");
            }
            if (!TableProbe.answers(connection, TARGET, "id")) {
                // the operator's latest connect: url is a URL without a password, or (sealed = 1) a URL sealed with
                // sharedState.key; generation 0 with no url: no connect yet, every server serves its database.url
                statement.execute("CREATE TABLE IF NOT EXISTS " + TARGET + " ("
                        + "id INT NOT NULL PRIMARY KEY, "
                        + "generation BIGINT NOT NULL, "
                        + "description VARCHAR(512) NOT NULL, "
                        + "url VARCHAR(4000), "
                        + "sealed INT NOT NULL)");
            }
        }
        insertOnce(connection, "INSERT INTO " + OPERATOR + " (id, read_only, reloads) VALUES (1, 0, 0)");
        insertOnce(
                connection,
                "INSERT INTO " + TARGET + " (id, generation, description, url, sealed) "
                        + "VALUES (1, 0, '', NULL, 0)");
    }

    private static void addColumnOnce(Statement statement, String table, String column) throws SQLException {
        try {
            statement.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column);
        } catch (SQLException e) {
            // two servers starting at once: the other one added it between the check and the add
            if (!DUPLICATE_COLUMN.contains(e.getSQLState())) {
                throw new ColumnsNotAdded(e);
            }
        }
    }

    /** Adding the columns of a store made before buckets kept their limit failed (the cause says why). */
    static final class ColumnsNotAdded extends SQLException {

        private static final long serialVersionUID = 1L;

        ColumnsNotAdded(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
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
