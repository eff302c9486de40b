package dev.tabletalk.core.port.out;

/**
 * Called by the executor inside the write transaction, after the write and before the commit.
 * If it throws, the executor rolls back and rethrows: this is how "no audit record, no write"
 * holds (invariant 9).
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
