package dev.tabletalk.audit;

import dev.tabletalk.core.error.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/** What differs between the supported audit stores: column types, time values and the migration lock. */
enum Dialect {
    H2("CHARACTER LARGE OBJECT", "TIMESTAMP(6) WITH TIME ZONE", ""),
    POSTGRESQL("TEXT", "TIMESTAMP(6) WITH TIME ZONE", ""),
    MARIADB("LONGTEXT", "DATETIME(6)", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    /** An arbitrary, fixed key for the migration lock ("tt-audit" in ASCII). */
    private static final long MIGRATION_LOCK_KEY = 0x74742d6175646974L;
    /** Serialises migrations of embedded H2 stores (one JVM) that open at once. */
    private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();
    private static final String MIGRATION_LOCK_NAME = "tabletalk_audit_migration";

    private final String textType;
    private final String timestampType;
    private final String tableOptions;

    Dialect(String textType, String timestampType, String tableOptions) {
        this.textType = textType;
        this.timestampType = timestampType;
        this.tableOptions = tableOptions;
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new ConfigurationException("The audit store must be H2, PostgreSQL or MariaDB; this one is "
                + connection.getMetaData().getDatabaseProductName() + ". Point the audit store URL at one of those.");
    }

    String textType() {
        return textType;
    }

    String timestampType() {
        return timestampType;
    }

    String tableOptions() {
        return tableOptions;
    }

    void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (this == MARIADB) {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    Instant getTimestamp(ResultSet rows, String column) throws SQLException {
        if (this == MARIADB) {
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
        if (this == POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            }
        } else if (this == MARIADB) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT GET_LOCK('" + MIGRATION_LOCK_NAME + "', 30)")) {
                if (!rows.next() || rows.getInt(1) != 1) {
                    throw new SQLException("timed out waiting for the audit migration lock");
                }
            }
        } else if (this == H2) {
            // an embedded H2 store lives in one JVM: its concurrent CREATE ... IF NOT EXISTS can still clash
            try {
                if (!H2_MIGRATIONS.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new SQLException("timed out waiting for the audit migration lock");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the audit migration lock", e);
            }
        }
    }

    void unlockMigrations(Connection connection) throws SQLException {
        if (this == H2 && H2_MIGRATIONS.isHeldByCurrentThread()) {
            H2_MIGRATIONS.unlock();
        }
        if (this == MARIADB) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DO RELEASE_LOCK('" + MIGRATION_LOCK_NAME + "')");
            }
        }
    }

    /** Whether the store could not be reached at all (SQLState class 08): no point trying entry by entry. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.sql.SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /** Whether a failure is worth one more try: lock timeouts, deadlocks, serialization failures, duplicate keys. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("40") // serialization failure, deadlock
                || state.equals("HYT00") // H2 lock timeout
                || state.equals("55P03") // PostgreSQL lock_not_available
                || state.startsWith("23"); // a racing writer took the same sequence number
    }
}
