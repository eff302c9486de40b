package dev.tabletalk.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log on TableTalk's own store (H2, PostgreSQL or MariaDB), separate from the database
 * being administered. Every {@link #append} adds one entry to {@code ai_audit_log} as the next link
 * of a SHA-256 hash chain, in one transaction that holds the chain head row's lock, so appends from
 * many threads and from several processes sharing the store keep one valid chain. {@link #verify()}
 * walks that chain.
 *
 * <p>Appends from threads of one process are group-committed: while one transaction is being
 * written, the events that arrive queue up and go into the next transaction together, so many
 * threads share one commit. Each {@code append} still returns only once its own event is durable.
 *
 * <p>The module creates and migrates its own tables when opened. It fails closed: when the store
 * cannot be written, {@link #append} throws {@link DependencyUnavailableException} (the engine then
 * refuses the turn's write), within the configured connection and statement timeouts.
 *
 * <p>Thread-safe. Close it to release the pool it opened ({@link #create} leaves the caller's data
 * source open).
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final int ATTEMPTS = 4;
    private static final int MAX_BATCH = 256;
    private static final long STARTUP_TIMEOUT_MILLIS = 10_000;

    private static final String LOCK_HEAD =
            "SELECT last_seq, last_hash FROM " + AuditSchema.HEAD_TABLE + " WHERE id = 1 FOR UPDATE";
    private static final String MOVE_HEAD =
            "UPDATE " + AuditSchema.HEAD_TABLE + " SET last_seq = ?, last_hash = ? WHERE id = 1 AND last_seq = ?";

    private final DataSource dataSource;
    private final Optional<HikariDataSource> ownedPool;
    private final StoreSql store;
    private final int statementTimeoutSeconds;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private JdbcAuditLog(
            DataSource dataSource, Optional<HikariDataSource> ownedPool, StoreSql store, int statementTimeoutSeconds) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.store = store;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
    }

    /**
     * An audit log on the caller's data source, migrated before this returns. Use a pooled data
     * source with a short connection timeout: its timeouts decide how fast a down store is noticed.
     *
     * @throws DependencyUnavailableException when the store cannot be reached or migrated
     * @throws dev.tabletalk.core.error.ConfigurationException when the store is not H2, PostgreSQL or MariaDB
     */
    public static JdbcAuditLog create(DataSource dataSource) {
        return start(Objects.requireNonNull(dataSource, "dataSource"), Optional.empty(), Duration.ofSeconds(5));
    }

    /**
     * An audit log at {@code url} with the default pool and timeouts ({@link AuditStoreConfig#of}).
     *
     * @throws DependencyUnavailableException when the store cannot be reached or migrated
     */
    public static JdbcAuditLog open(String url) {
        return open(AuditStoreConfig.of(url));
    }

    /** The default store: an embedded H2 file under {@code ./.tabletalk/}. */
    public static JdbcAuditLog openDefault() {
        return open(AuditStoreConfig.defaults());
    }

    /**
     * An audit log on its own connection pool. Opening waits up to 10 s for the store (creating or
     * recovering it can take that long on a busy machine); after that, {@link #append} waits at
     * most {@link AuditStoreConfig#connectionTimeout()} for a connection.
     *
     * @throws DependencyUnavailableException when the store cannot be reached or migrated
     * @throws ConfigurationException when the URL has no driver, or the store is not H2, PostgreSQL or MariaDB
     */
    public static JdbcAuditLog open(AuditStoreConfig config) {
        Objects.requireNonNull(config, "config");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tabletalk-audit");
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        // creating or recovering a store can take seconds on a busy machine: be patient once, at start;
        // the short timeout that makes a store that goes down fail fast applies from then on
        hikari.setConnectionTimeout(
                Math.max(STARTUP_TIMEOUT_MILLIS, config.connectionTimeout().toMillis()));
        hikari.setValidationTimeout(Math.min(1000, config.connectionTimeout().toMillis()));
        // start even when the store is down: the migration below reports it as DependencyUnavailableException
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // with no initialization wait, only a bad URL or a missing driver fails here
            throw new ConfigurationException(
                    "The audit store URL " + config.url().replaceAll("[?;].*", "")
                            + " cannot be used (" + Redaction.diagnostic(e.getMessage())
                            + "). Use jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:.",
                    e);
        }
        try {
            JdbcAuditLog opened = start(pool, Optional.of(pool), config.statementTimeout());
            pool.getHikariConfigMXBean()
                    .setConnectionTimeout(config.connectionTimeout().toMillis());
            return opened;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static JdbcAuditLog start(DataSource dataSource, Optional<HikariDataSource> pool, Duration timeout) {
        try (Connection connection = dataSource.getConnection()) {
            StoreSql store = StoreSql.of(connection);
            int found = AuditSchema.migrate(connection, store);
            log.debug("audit store opened ({}, schema version {} found)", store, found);
            return new JdbcAuditLog(dataSource, pool, store, (int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            throw DependencyUnavailableException.auditStore(
                    "the audit store could not be opened: " + Redaction.diagnostic(e.getMessage()), e);
        }
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Pending mine = new Pending(EventCodec.unlinked(event));
        queue.add(mine);
        // group commit: whoever holds the writer lock writes everything queued so far in one
        // transaction; a leader completes every entry it took before it lets go of the lock
        writer.lock();
        try {
            if (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                Pending next;
                while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                    batch.add(next);
                }
                try {
                    write(batch);
                } finally {
                    // even an Error must not leave a taken entry looking like it was written
                    for (Pending pending : batch) {
                        if (!pending.done) {
                            pending.fail(DependencyUnavailableException.auditStore(
                                    "the audit log write was interrupted", null));
                        }
                    }
                }
            }
        } finally {
            writer.unlock();
        }
        if (!mine.done) {
            throw DependencyUnavailableException.auditStore("the audit log write did not complete", null);
        }
        if (mine.failure != null) {
            throw DependencyUnavailableException.auditStore(mine.failure.getMessage(), mine.failure);
        }
    }

    private void write(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(batch);
                batch.forEach(Pending::succeed);
                return;
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && store.isTransient(e)) {
                    log.debug("audit append attempt {} lost a race ({}), trying again", attempt, e.getSQLState());
                    continue;
                }
                if (batch.size() > 1 && !SqlErrors.isConnectionFailure(e)) {
                    // one bad entry must not fail the others: write them one by one
                    for (Pending each : batch) {
                        write(List.of(each));
                    }
                    return;
                }
                log.warn("audit store unavailable: {}", e.getMessage());
                fail(batch, e);
                return;
            } catch (RuntimeException e) {
                // a driver or pool failing with an unchecked exception is the store failing too
                log.warn("audit store unavailable: {}", e.toString());
                fail(batch, e);
                return;
            }
        }
    }

    private static void fail(List<Pending> batch, Exception cause) {
        DependencyUnavailableException failure = DependencyUnavailableException.auditStore(
                "the audit log could not be written: " + Redaction.diagnostic(cause.getMessage()), cause);
        batch.forEach(p -> p.fail(failure));
    }

    private void writeOnce(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long lastSeq;
                String lastHash;
                // one chain: the head row's lock serializes appends across threads and processes
                try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD)) {
                    lock.setQueryTimeout(statementTimeoutSeconds);
                    try (ResultSet head = lock.executeQuery()) {
                        if (!head.next()) {
                            throw new SQLException("the audit chain head row is missing", "55000");
                        }
                        lastSeq = head.getLong(1);
                        lastHash = head.getString(2);
                    }
                }
                long firstSeq = lastSeq;
                try (PreparedStatement insert = connection.prepareStatement(EntryRows.INSERT)) {
                    insert.setQueryTimeout(statementTimeoutSeconds);
                    for (Pending pending : batch) {
                        AuditRecord entry = EventCodec.linked(pending.entry, lastSeq + 1, lastHash);
                        EntryRows.bind(insert, store, entry);
                        if (batch.size() == 1) {
                            insert.executeUpdate();
                        } else {
                            insert.addBatch();
                        }
                        lastSeq = entry.sequence();
                        lastHash = entry.hash();
                    }
                    if (batch.size() > 1) {
                        insert.executeBatch();
                    }
                }
                try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
                    move.setQueryTimeout(statementTimeoutSeconds);
                    move.setLong(1, lastSeq);
                    move.setString(2, lastHash);
                    move.setLong(3, firstSeq);
                    if (move.executeUpdate() != 1) {
                        throw new SQLException("the audit chain head moved while it was locked", "40001");
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** An event waiting to be written; completed by whichever thread writes it, under the writer lock. */
    private static final class Pending {
        private final AuditRecord entry;
        private volatile boolean done;
        private volatile DependencyUnavailableException failure;

        Pending(AuditRecord entry) {
            this.entry = entry;
        }

        void succeed() {
            done = true;
        }

        void fail(DependencyUnavailableException cause) {
            failure = cause;
            done = true;
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /**
     * Walks the whole chain in order, streaming, and names the first bad entry: edited (hash
     * mismatch), replaced (broken link) or deleted (missing entry).
     *
     * @throws DependencyUnavailableException when the store cannot be read
     */
    public ChainVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            return ChainWalker.verify(connection, store);
        } catch (SQLException e) {
            throw DependencyUnavailableException.auditStore("the audit log could not be read: " + e.getMessage(), e);
        }
    }

    /** Read-only queries over the stored turns: sessions and their turns. */
    public AuditQueries queries() {
        return new AuditQueries(dataSource, store);
    }

    /** Replays recorded sessions through a planner; nothing is executed. */
    public AuditReplay replay() {
        return new AuditReplay(queries());
    }

    /** Closes the connection pool this log opened, if any. */
    @Override
    public void close() {
        ownedPool.ifPresent(HikariDataSource::close);
    }
}
