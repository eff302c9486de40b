package dev.tabletalk.audit;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread of a {@link JdbcAuditLog}, which group-commits: while one transaction is being written, the
 * entries that arrive queue up and go into the next transaction together, so many appending threads share one commit
 * (and one disk sync). An entry is completed only once it is durable: committed, and on an H2 file store also synced
 * to disk. The writer keeps one connection between batches (its statements prepared) for at most a second.
 *
 * <p>{@link #add}, {@link #takeBack} and {@link #stop} are thread-safe; everything else runs on the writer's thread.
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int ATTEMPTS = 4;
    private static final int MAX_BATCH = 256;
    /** A batch this big no longer waits out the commit delay: each further entry would save it little. */
    static final int DELAYED_BATCH = 8;
    /** The writer keeps one connection (and its prepared statements) at most this long, then gives it back. */
    private static final long HOLD_NANOS = Duration.ofSeconds(1).toNanos();

    /** Queued by {@link #stop}: the writer writes what was queued before it, then stops. */
    private static final PendingAppend STOP = new PendingAppend(null);

    private final DataSource dataSource;
    private final StoreSql store;
    private final ChainAppender appender;
    private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final long commitDelayNanos;

    // the writer thread's own state
    /** The connection the writer holds between batches, or null. */
    private Connection held;
    /** When {@link #held} was taken from the pool. */
    private long heldSince;
    /** When the newest entry the writer took was appended. */
    private long lastArrival = System.nanoTime();
    /** A moving average of the time between appends, as the writer sees them; negative until the first append. */
    private long arrivalGapNanos = -1;

    /**
     * A writer to {@code store} through {@code dataSource}, its statements timed out after
     * {@code statementTimeout}, waiting up to {@code commitDelay} for more entries when they come fast; not started.
     */
    GroupCommitWriter(DataSource dataSource, StoreSql store, Duration statementTimeout, Duration commitDelay) {
        this.dataSource = dataSource;
        this.store = store;
        this.commitDelayNanos = commitDelay.toNanos();
        this.appender = new ChainAppender(store, (int) Math.max(1, statementTimeout.toSeconds()));
        this.thread = new Thread(this::writeUntilStopped, "tabletalk-audit-writer");
        // a log nobody closed must not keep the JVM alive
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues an entry for the next batch. */
    void add(PendingAppend pending) {
        queue.add(pending);
    }

    /** Takes back an entry the writer has not taken yet; whether it was still queued. */
    boolean takeBack(PendingAppend pending) {
        return queue.remove(pending);
    }

    /**
     * Stops the writer once it has written what was queued before: waits up to {@code wait} for that (it finishes
     * within its timeouts; past that, closing the pool ends its batch), then fails with {@code closed} whatever is
     * still queued.
     */
    void stop(Duration wait, DependencyUnavailableException closed) {
        queue.add(STOP);
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PendingAppend> left = new ArrayList<>();
        queue.drainTo(left);
        for (PendingAppend pending : left) {
            if (pending != STOP) {
                pending.fail(closed);
            }
        }
        if (thread.isAlive()) {
            queue.add(STOP);
        }
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
        List<PendingAppend> batch = new ArrayList<>(MAX_BATCH);
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
                    for (PendingAppend pending : batch) {
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
    private boolean isWorthWaiting(List<PendingAppend> batch) {
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
    private boolean gather(List<PendingAppend> batch) {
        long deadline = System.nanoTime() + commitDelayNanos;
        boolean isInterrupted = false;
        try {
            while (batch.size() < DELAYED_BATCH) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                PendingAppend next;
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
    private void noteArrivals(List<PendingAppend> batch) {
        for (PendingAppend pending : batch) {
            long gap = Math.max(0, pending.arrived() - lastArrival);
            lastArrival = Math.max(lastArrival, pending.arrived());
            arrivalGapNanos = arrivalGapNanos < 0 ? gap : arrivalGapNanos - arrivalGapNanos / 8 + gap / 8;
        }
    }

    /** Waits for the next append; gives the held connection back to the pool while none comes. */
    private PendingAppend takeUninterruptibly() {
        boolean isInterrupted = false;
        try {
            while (true) {
                try {
                    PendingAppend next = held == null ? queue.take() : queue.poll(HOLD_NANOS, TimeUnit.NANOSECONDS);
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

    private void write(List<PendingAppend> batch) {
        List<ChainAppender.Unlinked> entries = new ArrayList<>(batch.size());
        for (PendingAppend pending : batch) {
            entries.add(pending.entry());
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
                        for (PendingAppend each : batch) {
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
                batch.forEach(PendingAppend::succeed);
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

    private static void fail(List<PendingAppend> batch, Exception cause) {
        DependencyUnavailableException failure = DependencyUnavailableException.auditStore(
                "the audit log could not be written: " + Redaction.diagnostic(cause.getMessage()), cause);
        batch.forEach(p -> p.fail(failure));
    }
}
