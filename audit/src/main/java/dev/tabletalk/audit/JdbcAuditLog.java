package dev.tabletalk.audit;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.StorePool;
import dev.tabletalk.jdbcsupport.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * <p>Appends from threads of one process are group-committed by one writer thread: while one
 * transaction is being written, the events that arrive queue up and go into the next transaction
 * together, so many threads share one commit (and one disk sync). Each {@code append} still returns
 * only once its own event is durable: committed, and on an H2 file store also synced to disk, since
 * H2's commit alone leaves the file to a background writer.
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
    private static final int ATTEMPTS = 4;
    private static final int MAX_BATCH = 256;
    /** A batch this big no longer waits out the commit delay: each further entry would save it little. */
    static final int DELAYED_BATCH = 8;
    /** The writer keeps one connection (and its prepared statements) at most this long, then gives it back. */
    private static final long HOLD_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long {@link #close()} lets the writer finish what was appended before it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** Queued by {@link #close()}: the writer writes what was queued before it, then stops. */
    private static final Pending STOP = new Pending(null);

    private final DataSource dataSource;
    private final Optional<StorePool> ownedPool;
    private final StoreSql store;
    private final ChainAppender appender;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final long commitDelayNanos;
    private volatile boolean closed;

    // the writer thread's own state
    /** The connection the writer holds between batches, or null. */
    private Connection held;
    /** When {@link #held} was taken from the pool. */
    private long heldSince;
    /** When the newest entry the writer took was appended. */
    private long lastArrival = System.nanoTime();
    /** A moving average of the time between appends, as the writer sees them; negative until the first append. */
    private long arrivalGapNanos = -1;

    private JdbcAuditLog(
            DataSource dataSource,
            Optional<StorePool> ownedPool,
            StoreSql store,
            Duration statementTimeout,
            Duration commitDelay) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.store = store;
        this.commitDelayNanos = commitDelay.toNanos();
        this.appender = new ChainAppender(store, (int) Math.max(1, statementTimeout.toSeconds()));
        this.writer = new Thread(this::writeUntilStopped, "tabletalk-audit-writer");
        // a log nobody closed must not keep the JVM alive
        writer.setDaemon(true);
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
        Pending mine = new Pending(ChainAppender.Unlinked.of(EventCodec.unlinked(event)));
        if (closed) {
            throw closedFailure();
        }
        queue.add(mine);
        // close() may have drained the queue just before this entry went in: take it back and say so; if it is
        // gone, the writer or close() has it and completes it
        if (closed && queue.remove(mine)) {
            throw closedFailure();
        }
        mine.await();
        if (mine.failure != null) {
            throw DependencyUnavailableException.auditStore(mine.failure.getMessage(), mine.failure);
        }
    }

    private static DependencyUnavailableException closedFailure() {
        return DependencyUnavailableException.auditStore("the audit log is closed", null);
    }

    /**
     * The writer thread: takes everything queued (up to {@link #MAX_BATCH}), writes it as one transaction and
     * completes each entry, until {@link #close()} queues {@link #STOP}. Appends that arrive while a batch is
     * being written wait in the queue for the next one: that is the group commit. When appends come faster than
     * one per commit delay and fewer than {@link #DELAYED_BATCH} are queued, the writer first waits up to the delay
     * for more, as PostgreSQL's {@code commit_delay} does: a batch costs the store about the same for one entry as
     * for several (on H2 a new file chunk and a disk sync each). An append that comes alone is written at once.
     */
    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean isStopping = false;
        try {
            while (!isStopping) {
                batch.clear();
                batch.add(takeUninterruptibly());
                queue.drainTo(batch, MAX_BATCH - 1);
                isStopping = batch.remove(STOP);
                if (!isStopping && isWorthWaiting(batch)) {
                    isStopping = gather(batch);
                }
                if (batch.isEmpty()) {
                    continue;
                }
                noteArrivals(batch);
                try {
                    appender.startBatch();
                    write(batch);
                } catch (RuntimeException | Error e) {
                    // the writer must outlive anything a batch throws: an append that is never completed waits
                    // forever
                    log.error("audit writer failed", e);
                    release();
                } finally {
                    for (Pending pending : batch) {
                        if (!pending.isComplete()) {
                            pending.fail(DependencyUnavailableException.auditStore(
                                    "the audit log write was interrupted", null));
                        }
                    }
                }
            }
        } finally {
            release();
        }
    }

    /** Whether the batch should wait out the commit delay for more appends. */
    private boolean isWorthWaiting(List<Pending> batch) {
        return commitDelayNanos > 0
                && !batch.isEmpty()
                && batch.size() < DELAYED_BATCH
                // another append is due within the delay
                && arrivalGapNanos >= 0
                && arrivalGapNanos < commitDelayNanos;
    }

    /**
     * Adds what is appended within the commit delay, until the batch holds {@link #DELAYED_BATCH}; returns whether
     * {@link #STOP} came (then the batch is written at once).
     */
    private boolean gather(List<Pending> batch) {
        long deadline = System.nanoTime() + commitDelayNanos;
        boolean isInterrupted = false;
        try {
            while (batch.size() < DELAYED_BATCH) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Pending next;
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    isInterrupted = true;
                    continue;
                }
                if (next == null) {
                    return false;
                }
                if (next == STOP) {
                    return true;
                }
                batch.add(next);
                queue.drainTo(batch, DELAYED_BATCH - batch.size());
                if (batch.remove(STOP)) {
                    return true;
                }
            }
            return false;
        } finally {
            if (isInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Updates the moving average of the time between appends with the batch's entries (in queue order). */
    private void noteArrivals(List<Pending> batch) {
        for (Pending pending : batch) {
            long gap = Math.max(0, pending.arrived - lastArrival);
            lastArrival = Math.max(lastArrival, pending.arrived);
            arrivalGapNanos = arrivalGapNanos < 0 ? gap : arrivalGapNanos - arrivalGapNanos / 8 + gap / 8;
        }
    }

    /** Waits for the next append; gives the held connection back to the pool while none comes. */
    private Pending takeUninterruptibly() {
        boolean isInterrupted = false;
        try {
            while (true) {
                try {
                    Pending next = held == null ? queue.take() : queue.poll(HOLD_NANOS, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        return next;
                    }
                    release();
                } catch (InterruptedException e) {
                    isInterrupted = true;
                }
            }
        } finally {
            if (isInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The writer's connection: the one it holds, for at most {@link #HOLD_NANOS} (then the pool gets it back, to
     * retire or check it), or a new one from the pool.
     */
    private Connection connection() throws SQLException {
        if (held != null && System.nanoTime() - heldSince > HOLD_NANOS) {
            release();
        }
        if (held == null) {
            held = dataSource.getConnection();
            heldSince = System.nanoTime();
        }
        return held;
    }

    /** Gives the held connection back to the pool (which rolls back anything uncommitted) and drops its statements. */
    private void release() {
        appender.forgetStatements();
        if (held != null) {
            Connection releasing = held;
            held = null;
            try {
                releasing.close();
            } catch (SQLException | RuntimeException e) {
                log.debug("giving the audit connection back failed: {}", e.toString());
            }
        }
    }

    private void write(List<Pending> batch) {
        List<ChainAppender.Unlinked> entries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            entries.add(pending.entry);
        }
        int lost = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                Connection connection = connection();
                try {
                    appender.append(connection, entries);
                } catch (SQLException e) {
                    // the connection may be broken, or in the middle of a statement batch: start afresh
                    release();
                    if (attempt < ATTEMPTS && store.isTransient(e)) {
                        log.debug("audit append attempt {} lost a race ({}), trying again", attempt, e.getSQLState());
                        continue;
                    }
                    if (SqlErrors.isConnectionLost(e) && ++lost < Transactions.MAX_LOST_CONNECTIONS) {
                        // the store restarted, or ended this connection: the attempt may have been committed, and the
                        // next one, on another connection, looks for it first (a failure to get one ends the batch)
                        appender.lastAttemptLost();
                        log.debug("audit append lost its connection ({}), trying on another", e.getSQLState());
                        continue;
                    }
                    if (batch.size() > 1 && !SqlErrors.isConnectionFailure(e)) {
                        // one bad entry must not fail the others: write them one by one
                        for (Pending each : batch) {
                            write(List.of(each));
                        }
                        return;
                    }
                    throw e;
                }
                // committed; only a durable entry counts as written, and a committed one must not be written again
                try {
                    appender.syncCommitted(connection);
                } catch (SQLException e) {
                    release();
                    if (SqlErrors.isConnectionLost(e) && ++lost < Transactions.MAX_LOST_CONNECTIONS) {
                        // the commit landed, unless the store restarted without it: the next attempt finds the batch
                        // in the chain and syncs it there, or writes it again if it is not
                        appender.lastAttemptLost();
                        log.debug("audit sync lost its connection ({}), trying on another", e.getSQLState());
                        continue;
                    }
                    throw e;
                }
                batch.forEach(Pending::succeed);
                return;
            } catch (SQLException e) {
                release();
                log.warn("audit store unavailable: {}", e.getMessage());
                fail(batch, e);
                return;
            } catch (RuntimeException e) {
                release();
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

    /** An event waiting to be written; completed once, by the writer thread or by {@link #close()}. */
    private static final class Pending {
        private final ChainAppender.Unlinked entry;
        private final long arrived = System.nanoTime();
        private final CountDownLatch completed = new CountDownLatch(1);
        private volatile DependencyUnavailableException failure;

        Pending(ChainAppender.Unlinked entry) {
            this.entry = entry;
        }

        void succeed() {
            completed.countDown();
        }

        boolean isComplete() {
            return completed.getCount() == 0;
        }

        /** Fails the entry unless it is already complete. */
        void fail(DependencyUnavailableException cause) {
            if (!isComplete()) {
                failure = cause;
                completed.countDown();
            }
        }

        /**
         * Waits for the writer, however long its timeouts let it take: the turn must not answer before its
         * entry is durable or known to have failed. An interrupt is kept for the caller to see afterwards.
         */
        void await() {
            boolean isInterrupted = false;
            try {
                while (true) {
                    try {
                        completed.await();
                        return;
                    } catch (InterruptedException e) {
                        isInterrupted = true;
                    }
                }
            } finally {
                if (isInterrupted) {
                    Thread.currentThread().interrupt();
                }
            }
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
        queue.add(STOP);
        try {
            // the writer finishes within its timeouts; past that, closing the pool ends its batch
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            if (pending != STOP) {
                pending.fail(closedFailure());
            }
        }
        if (writer.isAlive()) {
            queue.add(STOP);
        }
        ownedPool.ifPresent(StorePool::close);
    }
}
