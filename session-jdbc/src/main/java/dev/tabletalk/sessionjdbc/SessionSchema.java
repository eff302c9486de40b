package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.TableProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the session store's tables on H2, PostgreSQL or MariaDB, versioned in
 * {@value #VERSION_TABLE}. Idempotent, and safe when several servers open the store at once: they migrate one after
 * the other under a store-wide lock (an advisory lock on PostgreSQL, {@code GET_LOCK} on MariaDB, a JVM lock for
 * embedded H2).
 */
final class SessionSchema {

    static final String TABLE = "tabletalk_session";
    static final String VERSION_TABLE = "tabletalk_session_schema";
    /** The longest session id, user id or tenant kept (longer ones are refused before they reach SQL). */
    static final int ID_LENGTH = 255;

    /** The newest version of the tables this code knows. */
    static final int CURRENT_VERSION = 3;

    /** How full PostgreSQL fills a page of sessions, in percent (see {@link #version2}). */
    static final int FILL_FACTOR = 70;

    private static final Logger log = LoggerFactory.getLogger(SessionSchema.class);

    /** An arbitrary, fixed key for PostgreSQL's migration lock ("tt-sessn" in ASCII). */
    private static final long LOCK_KEY = 0x74742d7365737373L;

    private static final String LOCK_NAME = "tabletalk_session_migration";
    private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();

    private SessionSchema() {}

    /** The dialect of the store behind {@code connection}; anything but H2, PostgreSQL or MariaDB is refused. */
    static Dialect dialectOf(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return Dialect.fromProductName(product)
                .filter(d -> d != Dialect.SQLITE)
                .orElseThrow(() -> new ConfigurationException("The session store must be PostgreSQL, MariaDB or H2;"
                        + " this one is " + product + ". Point sessions.url at one of those."));
    }

    /** Brings the store's tables up to date, in one transaction where the store allows. */
    static void migrate(Connection connection, Dialect dialect) throws SQLException {
        // a store at the current version runs no DDL: a user that may only read and write its tables can open it
        boolean versioned = TableProbe.answers(connection, VERSION_TABLE, "version");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            lock(connection, dialect);
            try {
                String options =
                        dialect.isMySqlFamily() ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
                if (!versioned) {
                    execute(
                            connection,
                            "CREATE TABLE IF NOT EXISTS " + VERSION_TABLE
                                    + " (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL)"
                                    + options);
                }
                int found = currentVersion(connection);
                if (found < 1) {
                    for (String sql : version1(dialect, options)) {
                        execute(connection, sql);
                    }
                    execute(connection, "INSERT INTO " + VERSION_TABLE + " VALUES (1, 'sessions')");
                    log.info("session store migrated to version 1 (sessions)");
                }
                if (found < 2) {
                    for (String sql : version2(dialect)) {
                        execute(connection, sql);
                    }
                    execute(connection, "INSERT INTO " + VERSION_TABLE + " VALUES (2, 'sessions updated in place')");
                    log.info("session store migrated to version 2 (sessions updated in place)");
                }
                if (found < 3) {
                    execute(connection, version3());
                    execute(connection, "INSERT INTO " + VERSION_TABLE + " VALUES (3, 'save ids')");
                    log.info("session store migrated to version 3 (save ids)");
                } else if (found > CURRENT_VERSION) {
                    log.warn(
                            "session store tables are at version {}, newer than this code's {}; using them as is",
                            found,
                            CURRENT_VERSION);
                }
                connection.commit();
            } finally {
                unlock(connection, dialect);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * One row per session: the state's JSON and the {@code format} it is written in, its version, the owner (a
     * hash of user id and tenant, for the cap per user), when it was last used and when its pending preview
     * expires (epoch milliseconds, so that every store compares them alike).
     */
    private static List<String> version1(Dialect dialect, String options) {
        String text = dialect == Dialect.H2 ? "CHARACTER LARGE OBJECT" : dialect.isMySqlFamily() ? "LONGTEXT" : "TEXT";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "session_id VARCHAR(" + ID_LENGTH + ") NOT NULL PRIMARY KEY, "
                        + "owner_key CHAR(64) NOT NULL, "
                        + "version BIGINT NOT NULL, "
                        + "format INT NOT NULL, "
                        + "state " + text + " NOT NULL, "
                        + "touched_at BIGINT NOT NULL, "
                        + "preview_expires_at BIGINT)" + options,
                "CREATE INDEX IF NOT EXISTS tabletalk_session_owner ON " + TABLE + " (owner_key, touched_at)",
                "CREATE INDEX IF NOT EXISTS tabletalk_session_touched ON " + TABLE + " (touched_at)",
                "CREATE INDEX IF NOT EXISTS tabletalk_session_preview ON " + TABLE + " (preview_expires_at)");
    }

    /**
     * Room on each PostgreSQL page for a session's next version: a save that leaves the indexed columns alone (see
     * {@link JdbcSessionStore}) is then a heap-only update, which writes no index entry. Pages filled before this
     * version get the room as they are rewritten.
     */
    private static List<String> version2(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL
                ? List.of("ALTER TABLE " + TABLE + " SET (fillfactor = " + FILL_FACTOR + ")")
                : List.of();
    }

    /**
     * The id of the save that wrote a row's version, random per save ({@link JdbcSessionStore#save}): an attempt
     * that lost its connection is found by it. Not indexed, so a save still changes no indexed column.
     */
    private static String version3() {
        return "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS save_id VARCHAR(36)";
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void lock(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            execute(connection, "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        } else if (dialect.isMySqlFamily()) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT GET_LOCK('" + LOCK_NAME + "', 30)")) {
                if (!rows.next() || rows.getInt(1) != 1) {
                    throw new SQLException("timed out waiting for the session store's migration lock");
                }
            }
        } else {
            try {
                if (!H2_MIGRATIONS.tryLock(30, TimeUnit.SECONDS)) {
                    throw new SQLException("timed out waiting for the session store's migration lock");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the session store's migration lock", e);
            }
        }
    }

    private static void unlock(Connection connection, Dialect dialect) throws SQLException {
        if (dialect.isMySqlFamily()) {
            execute(connection, "DO RELEASE_LOCK('" + LOCK_NAME + "')");
        } else if (dialect != Dialect.POSTGRESQL && H2_MIGRATIONS.isHeldByCurrentThread()) {
            H2_MIGRATIONS.unlock();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
