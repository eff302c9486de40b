package dev.tabletalk.core.port.out;

/**
 * Called by the executor inside the write transaction, after the write and before the commit.
 * If it throws, the executor rolls back and rethrows: this is how "no audit record, no write"
 * holds (invariant 9).
 *
 * <p>The converse cannot be made atomic across two stores: if the commit itself fails after the
 * gate approved it, the executor throws, and the engine appends a second record (outcome error)
 * for the same turn, so the log says that the approved write did not happen.
 */
@FunctionalInterface
public interface CommitGate {

    /** A gate that lets every write through. */
    CommitGate OPEN = pending -> { };

    /**
     * Approves the pending commit.
     *
     * @param pending what will be committed if this returns normally
     * @throws dev.tabletalk.core.error.DependencyUnavailableException to roll the write back
     */
    void beforeCommit(CommitOutcome.Committed pending);
}
