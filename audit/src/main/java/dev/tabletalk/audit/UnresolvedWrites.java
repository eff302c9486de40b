package dev.tabletalk.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the writes whose final outcome the log does not state (PUB-103). The commit gate records a
 * confirmed write as {@code pending} inside the write transaction; after the commit, the engine appends
 * the same turn again (same session, user and timestamp, action {@code commit}) with its resolution:
 * {@code ok}, {@code refused}, {@code error} or {@code unknown}. A pending entry that no later entry of its
 * turn resolves is unresolved: the write may or may not have committed, and the log does not claim either.
 *
 * <p>Feed the entries in sequence order; a resolution resolves the most recent unresolved pending entry
 * of its turn. Not thread-safe.
 */
public final class UnresolvedWrites {

    /** The outcome of a gate's entry, as stored. */
    public static final String PENDING = "pending";

    private static final String COMMIT = "commit";

    private final Map<TurnKey, Deque<Long>> open = new HashMap<>();

    /** Takes the next entry in sequence order. */
    public void accept(AuditRecord entry) {
        Objects.requireNonNull(entry, "entry");
        TurnKey key =
                new TurnKey(entry.sessionId(), entry.userId(), entry.timestamp().toString());
        if (PENDING.equals(entry.outcome())) {
            open.computeIfAbsent(key, k -> new ArrayDeque<>()).push(entry.sequence());
        } else if (COMMIT.equals(entry.action())) {
            Deque<Long> pending = open.get(key);
            if (pending != null) {
                pending.pop();
                if (pending.isEmpty()) {
                    open.remove(key);
                }
            }
        }
    }

    /** The sequence numbers of the pending entries seen so far that nothing resolved, in order. */
    public List<Long> unresolved() {
        List<Long> sequences = new ArrayList<>();
        open.values().forEach(sequences::addAll);
        sequences.sort(null);
        return sequences;
    }

    /** The unresolved writes among {@code entries} (given in sequence order, e.g. one session's turns). */
    public static List<Long> in(List<AuditRecord> entries) {
        UnresolvedWrites writes = new UnresolvedWrites();
        entries.forEach(writes::accept);
        return writes.unresolved();
    }

    private record TurnKey(String sessionId, String userId, String timestamp) {}
}
