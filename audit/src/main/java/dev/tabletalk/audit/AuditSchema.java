package dev.tabletalk.audit;

import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.TableProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the audit store's tables. Versioned in {@code ai_audit_schema_version};
 * idempotent; safe when several processes start at once (a store-wide lock on PostgreSQL and
 * MariaDB, {@code IF NOT EXISTS} and tolerated duplicate rows everywhere).
 */
final class AuditSchema {

    static final String VERSION_TABLE = "ai_audit_schema_version";
    static final String HEAD_TABLE = "ai_audit_chain_head";

    private static final Logger log = LoggerFactory.getLogger(AuditSchema.class);

    /** A step of the schema's history; never edit one that has shipped, add the next. */
    private record Migration(int version, String description, Function<StoreSql, List<String>> statements) {}

    private static final List<Migration> MIGRATIONS = List.of(new Migration(
            1,
            "audit log, chain head",
            d -> List.of(
                    "CREATE TABLE IF NOT EXISTS " + EntryRows.TABLE + " ("
                            + "seq BIGINT NOT NULL PRIMARY KEY, "
                            + "event_time " + d.timestampType() + " NOT NULL, "
                            + "user_id VARCHAR(" + EventCodec.ID_LENGTH + ") NOT NULL, "
                            + "session_id VARCHAR(" + EventCodec.ID_LENGTH + ") NOT NULL, "
                            + "message " + d.textType() + " NOT NULL, "
                            + "user_context " + d.textType() + " NOT NULL, "
                            + "action VARCHAR(32) NOT NULL, "
                            + "intent VARCHAR(16), "
                            + "entity VARCHAR(" + EventCodec.ENTITY_LENGTH + "), "
                            + "fields " + d.textType() + " NOT NULL, "
                            + "filters " + d.textType() + " NOT NULL, "
                            + "plan " + d.textType() + ", "
                            + "outcome VARCHAR(16) NOT NULL, "
                            + "refusal_code VARCHAR(64), "
                            + "row_count INT NOT NULL, "
                            + "latency_ms BIGINT NOT NULL, "
                            + "error_message " + d.textType() + ", "
                            + "error_stack " + d.textType() + ", "
                            + "planner VARCHAR(" + EventCodec.PLANNER_LENGTH + "), "
                            + "model VARCHAR(" + EventCodec.ID_LENGTH + "), "
                            + "prompt_tokens BIGINT, "
                            + "completion_tokens BIGINT, "
                            + "planner_attempts INT, "
                            + "prev_hash VARCHAR(64) NOT NULL, "
                            + "hash VARCHAR(64) NOT NULL)" + d.tableOptions(),
                    "CREATE INDEX IF NOT EXISTS ai_audit_log_session ON " + EntryRows.TABLE + " (session_id, seq)",
                    "CREATE INDEX IF NOT EXISTS ai_audit_log_time ON " + EntryRows.TABLE + " (event_time)",
                    "CREATE TABLE IF NOT EXISTS " + HEAD_TABLE + " ("
                            + "id INT NOT NULL PRIMARY KEY, "
                            + "last_seq BIGINT NOT NULL, "
                            + "last_hash VARCHAR(64) NOT NULL)" + d.tableOptions())));

    /** The newest version this code knows. */
    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private AuditSchema() {}

    /** Brings the store up to {@link #LATEST}, in one transaction where the store allows; returns the version found. */
    static int migrate(Connection connection, StoreSql store) throws SQLException {
        // a store at the latest version runs no DDL: a user that may only read and write its tables can open it
        boolean versioned = TableProbe.answers(connection, VERSION_TABLE, "version");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // PostgreSQL's lock lasts until the commit below: no commit in between
            store.lockMigrations(connection);
            try {
                if (!versioned) {
                    execute(
                            connection,
                            "CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " ("
                                    + "version INT NOT NULL PRIMARY KEY, "
                                    + "description VARCHAR(200) NOT NULL, "
                                    + "applied_at " + store.timestampType() + " NOT NULL)" + store.tableOptions());
                }
                int found = currentVersion(connection);
                for (Migration migration : MIGRATIONS) {
                    if (migration.version() > found) {
                        for (String sql : migration.statements().apply(store)) {
                            execute(connection, sql);
                        }
                        insertIfAbsent(
                                connection,
                                "SELECT COUNT(*) FROM " + VERSION_TABLE + " WHERE version = " + migration.version(),
                                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)",
                                insert -> {
                                    insert.setInt(1, migration.version());
                                    insert.setString(2, migration.description());
                                    store.setTimestamp(insert, 3, Instant.now().truncatedTo(ChronoUnit.MICROS));
                                });
                        log.info(
                                "audit store migrated to version {} ({})",
                                migration.version(),
                                migration.description());
                    }
                }
                insertIfAbsent(
                        connection,
                        "SELECT COUNT(*) FROM " + HEAD_TABLE + " WHERE id = 1",
                        "INSERT INTO " + HEAD_TABLE + " (id, last_seq, last_hash) VALUES (1, 0, ?)",
                        insert -> insert.setString(1, ChainHash.GENESIS));
                if (found > LATEST) {
                    log.warn("audit store is at version {}, newer than this code's {}; using it as is", found, LATEST);
                }
                connection.commit();
                return found;
            } finally {
                store.unlockMigrations(connection);
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Binds an insert's parameters. */
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void insertIfAbsent(Connection connection, String count, String insertSql, Binder binder)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(count)) {
            rows.next();
            if (rows.getLong(1) > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            binder.bind(insert);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!SqlErrors.isIntegrityViolation(e)) {
                throw e;
            }
            // another process inserted the same row a moment earlier (H2 has no migration lock)
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
