package dev.tabletalk.audit;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.SqlErrorKind;
import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What differs between the supported audit stores (H2, PostgreSQL, MariaDB/MySQL, told apart by the
 * shared {@link Dialect}): column types, time values, the migration lock, and which failures are worth
 * another try. Immutable and thread-safe.
 */
final class StoreSql {

    /** An arbitrary, fixed key for the migration lock ("tt-audit" in ASCII). */
    private static final long MIGRATION_LOCK_KEY = 0x74742d6175646974L;
    /** Serialises migrations of embedded H2 stores (one JVM) that open at once. */
    private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();

    private static final String MIGRATION_LOCK_NAME = "tabletalk_audit_migration";

    /** H2's ErrorCode.ADMIN_RIGHTS_REQUIRED. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    /** H2's commit leaves the file to a background writer; this statement writes and syncs it. */
    private static final String H2_SYNC = "CHECKPOINT SYNC";

    private final Dialect dialect;
    private final boolean isH2File;

    StoreSql(Dialect dialect) {
        this(dialect, false);
    }

    private StoreSql(Dialect dialect, boolean isH2File) {
        this.dialect = dialect;
        this.isH2File = isH2File;
    }

    /** The store behind this connection; a database other than H2, PostgreSQL, MariaDB or MySQL is refused. */
    static StoreSql of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        Dialect dialect = Dialect.fromProductName(product)
                .filter(d -> d != Dialect.SQLITE)
                .orElseThrow(() ->
                        new ConfigurationException("The audit store must be H2, PostgreSQL or MariaDB; this one is "
                                + product + ". Point the audit store URL at one of those."));
        String url = connection.getMetaData().getURL();
        boolean isInMemory = url.contains(":mem:") || url.contains("/mem:");
        return new StoreSql(dialect, dialect == Dialect.H2 && !isInMemory);
    }

    /**
     * Whether one statement can move the chain head and insert the entries after it (PostgreSQL's
     * data-modifying {@code WITH}); elsewhere that takes a transaction of three round trips.
     */
    boolean canMoveHeadWhileInserting() {
        return dialect == Dialect.POSTGRESQL;
    }

    /**
     * Makes what was just committed durable, where the commit alone does not. PostgreSQL and MariaDB
     * flush their log before a commit returns; H2 returns at once and writes its file later (up to
     * {@code WRITE_DELAY}, 500 ms, later), without syncing it, so an H2 file store is synced here. One call
     * covers every transaction committed before it. An in-memory H2 store has nothing to sync.
     *
     * @throws SQLException when the store could not be synced; an H2 user that is not an administrator
     *     gets error 90040 (see {@link #isNotAllowedToSync})
     */
    void syncCommitted(Connection connection) throws SQLException {
        if (isH2File) {
            try (Statement sync = connection.createStatement()) {
                sync.execute(H2_SYNC);
            }
        }
    }

    /** The statement {@link #syncCommitted} runs, if this store needs one. */
    Optional<String> syncStatement() {
        return isH2File ? Optional.of(H2_SYNC) : Optional.empty();
    }

    /** Whether {@link #syncCommitted} failed because the store's user may not sync (H2: not an administrator). */
    boolean isNotAllowedToSync(SQLException e) {
        return isH2File && e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED;
    }

    String textType() {
        if (dialect == Dialect.H2) {
            return "CHARACTER LARGE OBJECT";
        }
        return dialect.isMySqlFamily() ? "LONGTEXT" : "TEXT";
    }

    String timestampType() {
        return dialect.isMySqlFamily() ? "DATETIME(6)" : "TIMESTAMP(6) WITH TIME ZONE";
    }

    String tableOptions() {
        return dialect.isMySqlFamily() ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
    }

    void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (dialect.isMySqlFamily()) {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    Instant getTimestamp(ResultSet rows, String column) throws SQLException {
        if (dialect.isMySqlFamily()) {
            LocalDateTime local = rows.getObject(column, LocalDateTime.class);
            return local == null ? null : local.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Takes the store-wide migration lock, so that processes starting at once migrate one after
     * the other. PostgreSQL's lock ends with the transaction; MariaDB's must be released with
     * {@link #unlockMigrations}. H2 (embedded, one JVM) takes a JVM-wide lock.
     */
    void lockMigrations(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            }
        } else if (dialect.isMySqlFamily()) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT GET_LOCK('" + MIGRATION_LOCK_NAME + "', 30)")) {
                if (!rows.next() || rows.getInt(1) != 1) {
                    throw new SQLException("timed out waiting for the audit migration lock");
                }
            }
        } else if (dialect == Dialect.H2) {
            // an embedded H2 store lives in one JVM: its concurrent CREATE ... IF NOT EXISTS can still clash
            try {
                if (!H2_MIGRATIONS.tryLock(30, TimeUnit.SECONDS)) {
                    throw new SQLException("timed out waiting for the audit migration lock");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the audit migration lock", e);
            }
        }
    }

    void unlockMigrations(Connection connection) throws SQLException {
        if (dialect == Dialect.H2 && H2_MIGRATIONS.isHeldByCurrentThread()) {
            H2_MIGRATIONS.unlock();
        }
        if (dialect.isMySqlFamily()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DO RELEASE_LOCK('" + MIGRATION_LOCK_NAME + "')");
            }
        }
    }

    /**
     * Whether a failed append is worth one more try: a deadlock or serialization failure, a lock timeout,
     * or an integrity violation (a racing writer took the same sequence number).
     */
    boolean isTransient(SQLException e) {
        return SqlErrors.isTransactionRollback(e)
                || SqlErrors.isIntegrityViolation(e)
                || SqlErrors.classify(dialect, e) == SqlErrorKind.LOCK_TIMEOUT;
    }

    @Override
    public String toString() {
        return dialect.name();
    }
}
