package dev.tabletalk.core.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit log for operators, read-only ({@code tabletalk audit}): verify the hash chain (unresolved writes
 * included), list sessions, show a session's turns, find the turn behind an error id. Thread-safe.
 *
 * <p>Every method throws {@link dev.tabletalk.core.error.DependencyUnavailableException} when the audit store
 * cannot be read.
 */
public interface AuditTrail {

    /** Walks the whole chain and says whether every entry is present, linked and unchanged. */
    Chain verify();

    /** The most recently active sessions, newest first, at most {@code limit}. */
    List<Session> sessions(int limit);

    /** A session's turns in order, writes whose outcome the log does not state marked; empty for an unknown session. */
    List<Turn> turns(String sessionId);

    /** The turns whose reply showed this error id (normally one); empty for an unknown id. */
    List<Turn> turnsWithErrorId(String errorId);

    /**
     * The chain's state.
     *
     * @param intact whether every entry checked out
     * @param entriesChecked how many entries were found good
     * @param headHash the last entry's hash, when intact
     * @param brokenAt the first bad entry's sequence, when broken
     * @param problem what is wrong with it, when broken
     * @param unresolvedWrites the entries of writes recorded as pending whose outcome no later entry states
     */
    record Chain(
            boolean intact,
            long entriesChecked,
            Optional<String> headHash,
            OptionalLong brokenAt,
            Optional<String> problem,
            List<Long> unresolvedWrites) {

        public Chain {
            Objects.requireNonNull(headHash, "headHash");
            Objects.requireNonNull(brokenAt, "brokenAt");
            Objects.requireNonNull(problem, "problem");
            unresolvedWrites = List.copyOf(unresolvedWrites);
        }

        /** A chain with no unresolved write. */
        public Chain(
                boolean intact,
                long entriesChecked,
                Optional<String> headHash,
                OptionalLong brokenAt,
                Optional<String> problem) {
            this(intact, entriesChecked, headHash, brokenAt, problem, List.of());
        }
    }

    /** One conversation in the log. */
    record Session(String sessionId, String userId, Instant firstAt, Instant lastAt, long turns) {}

    /**
     * One audited turn (without the raw JSON columns and the stack).
     *
     * @param error when the turn failed: its error id and error class (for a database error the SQLState and
     *     vendor code, no driver text; never shown in a reply)
     * @param unresolved a write recorded as pending whose outcome no later entry states
     */
    record Turn(
            long sequence,
            Instant timestamp,
            String userId,
            String sessionId,
            String message,
            String action,
            Optional<String> intent,
            Optional<String> entity,
            String outcome,
            Optional<String> refusalCode,
            int rowCount,
            long latencyMillis,
            Optional<String> error,
            boolean unresolved) {

        /** A turn that is not an unresolved write. */
        public Turn(
                long sequence,
                Instant timestamp,
                String userId,
                String sessionId,
                String message,
                String action,
                Optional<String> intent,
                Optional<String> entity,
                String outcome,
                Optional<String> refusalCode,
                int rowCount,
                long latencyMillis,
                Optional<String> error) {
            this(
                    sequence,
                    timestamp,
                    userId,
                    sessionId,
                    message,
                    action,
                    intent,
                    entity,
                    outcome,
                    refusalCode,
                    rowCount,
                    latencyMillis,
                    error,
                    false);
        }
    }
}
