package dev.tabletalk.core.port.out;

/**
 * Called by the executor inside the write transaction, after the write and before the commit.
 * If it throws, the executor rolls back and rethrows: this is how "no audit record, no write"
 * holds (invariant 9).
 *
 * <p>The converse cannot be made atomic across two stores, so the engine's gate records the write
 * as {@link AuditEvent.Outcome#PENDING} and appends a second record of the same turn once the
 * commit answered: committed, not committed, or {@link AuditEvent.Outcome#UNKNOWN} when the
 * commit's answer was lost ({@link CommitOutcome.Unknown}). A pending record with no second one
 * is an unresolved write; the log never claims an outcome that did not happen.
 */
@FunctionalInterface
public interface CommitGate {

    /** A gate that lets every write through. */
    CommitGate OPEN = pending -> {};

    /**
     * Approves the pending commit.
     *
     * @param pending what will be committed if this returns normally
     * @throws dev.tabletalk.core.error.DependencyUnavailableException to roll the write back
     */
    void beforeCommit(CommitOutcome.Committed pending);
}
