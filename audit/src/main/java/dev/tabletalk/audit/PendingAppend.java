package dev.tabletalk.audit;

import dev.tabletalk.core.error.DependencyUnavailableException;
import java.util.concurrent.CountDownLatch;

/**
 * An audit entry waiting to be written; completed once, by the {@link GroupCommitWriter} or by the log's
 * {@link JdbcAuditLog#close()}.
 */
final class PendingAppend {
    private final ChainAppender.Unlinked entry;
    private final long arrived = System.nanoTime();
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile DependencyUnavailableException failure;

    PendingAppend(ChainAppender.Unlinked entry) {
        this.entry = entry;
    }

    /** The entry, worked out on the appending thread but for its place in the chain; null for the stop mark. */
    ChainAppender.Unlinked entry() {
        return entry;
    }

    /** When it was appended ({@link System#nanoTime()}). */
    long arrived() {
        return arrived;
    }

    /** Why it failed, once completed; null when it was written. */
    DependencyUnavailableException failure() {
        return failure;
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
