package dev.tabletalk.audit;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.jdbcsupport.StorePool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Appends from threads of one process are group-committed by one writer thread
 * ({@code GroupCommitWriter}): while one transaction is being written, the events that arrive queue
 * up and go into the next transaction together, so many threads share one commit (and one disk sync).
 * Each {@code append} still returns only once its own event is durable: committed, and on an H2 file
 * store also synced to disk, since H2's commit alone leaves the file to a background writer.
 *
 * <p>The module creates and migrates its own tables when opened. It fails closed: when the store
 * cannot be written, {@link #append} throws {@link DependencyUnavailableException} (the engine then
 * refuses the turn's write), within the configured connection and statement timeouts.
 *
 * <p>Thread-safe. Close it to stop its writer thread and release the pool it opened ({@link #create}
 * leaves the caller's data source open).
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    /** How long {@link #close()} lets the writer finish what was appended before it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Optional<StorePool> ownedPool;
    private final StoreSql store;
    private final GroupCommitWriter writer;
    private volatile boolean closed;

    private JdbcAuditLog(
            DataSource dataSource,
            Optional<StorePool> ownedPool,
            StoreSql store,
            Duration statementTimeout,
            Duration commitDelay) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.store = store;
        this.writer = new GroupCommitWriter(dataSource, store, statementTimeout, commitDelay);
    }

    /**
     * An audit log on the caller's data source, migrated before this returns. Use a pooled data
     * source with a short connection timeout: its timeouts decide how fast a down store is noticed.
     *
     * @throws DependencyUnavailableException when the store cannot be reached or migrated
     * @throws dev.tabletalk.core.error.ConfigurationException when the store is not H2, PostgreSQL or MariaDB
     */
    public static JdbcAuditLog create(DataSource dataSource) {
        return start(
                Objects.requireNonNull(dataSource, "dataSource"),
                Optional.empty(),
                Duration.ofSeconds(5),
                AuditStoreConfig.DEFAULT_COMMIT_DELAY);
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
        return StorePool.open(
                config.pool(),
                ConfigurationException::new,
                pool -> start(pool.dataSource(), Optional.of(pool), config.statementTimeout(), config.commitDelay()));
    }

    private static JdbcAuditLog start(
            DataSource dataSource, Optional<StorePool> pool, Duration timeout, Duration commitDelay) {
        try (Connection connection = dataSource.getConnection()) {
            StoreSql store = StoreSql.of(connection);
            int found = AuditSchema.migrate(connection, store);
            checkCanSync(connection, store);
            log.debug("audit store opened ({}, schema version {} found)", store, found);
            JdbcAuditLog opened = new JdbcAuditLog(dataSource, pool, store, timeout, commitDelay);
            opened.writer.start();
            return opened;
        } catch (SQLException e) {
            throw DependencyUnavailableException.auditStore(
                    "the audit store could not be opened: " + Redaction.diagnostic(e.getMessage()), e);
        }
    }

    /** Refuses, at start rather than at every append, a store whose user cannot make an append durable. */
    private static void checkCanSync(Connection connection, StoreSql store) throws SQLException {
        try {
            store.syncCommitted(connection);
        } catch (SQLException e) {
            if (store.isNotAllowedToSync(e)) {
                throw new ConfigurationException(
                        "The audit store's H2 user is not an administrator, and only an administrator may run "
                                + "CHECKPOINT SYNC, which puts each audit entry on disk before the turn answers. "
                                + "Connect to the audit store as the user that created it (by default sa).",
                        e);
            }
            throw e;
        }
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        // everything but the entry's place in the chain is worked out here, on the appending thread
        PendingAppend mine = new PendingAppend(ChainAppender.Unlinked.of(EventCodec.unlinked(event)));
        if (closed) {
            throw closedFailure();
        }
        writer.add(mine);
        // close() may have drained the queue just before this entry went in: take it back and say so; if it is
        // gone, the writer or close() has it and completes it
        if (closed && writer.takeBack(mine)) {
            throw closedFailure();
        }
        mine.await();
        if (mine.failure() != null) {
            throw DependencyUnavailableException.auditStore(mine.failure().getMessage(), mine.failure());
        }
    }

    private static DependencyUnavailableException closedFailure() {
        return DependencyUnavailableException.auditStore("the audit log is closed", null);
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

    /**
     * Writes what was appended before, then closes the connection pool this log opened, if any. Appends
     * after this throw {@link DependencyUnavailableException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.stop(CLOSE_WAIT, closedFailure());
        ownedPool.ifPresent(StorePool::close);
    }
}
