package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.PendingPreview;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state this server last saved or read for each session, with the save id of the row that held it: a find whose
 * row still carries that save id is answered from here, and the store does not send the state or decode it again.
 *
 * <p>Every save writes a save id of its own, random, beside the state ({@link JdbcSessionStore#save}), so a row with
 * that id holds that state. The one change made without a new save id is the removal of an expired preview (by a
 * find or by the sweep, on any server), which also clears the row's preview expiry: a row with the id but without an
 * expiry holds the known state without its preview ({@link ConversationState#withoutExpiredPreview}). Anything else
 * that does not fit (another version, an expiry the known state does not have) is not answered from here, and the
 * state is read again.
 *
 * <p>Bounded by the length of the states' JSON: at most {@value #MAX_CHARS} characters in all (some entry, not
 * necessarily the oldest, is forgotten to make room), none longer than {@value #MAX_STATE_CHARS}; and by time: a
 * state this server has not used for a session's idle time-to-live is forgotten by the store's sweep
 * ({@link #forgetUsedBefore}), as its session is gone by then unless another server used it. Thread-safe.
 */
final class KnownStates {

    /** The most JSON characters of all known states together. */
    static final long MAX_CHARS = 8_000_000;

    /** A state whose JSON is longer than this is read from its row each time. */
    static final int MAX_STATE_CHARS = 16_384;

    /** A known state, and when this server last saved, read or found it (epoch millis). */
    private static final class Known {
        private final String saveId;
        private final ConversationState state;
        private final int chars;
        private volatile long usedAt;

        Known(String saveId, ConversationState state, int chars, long usedAt) {
            this.saveId = saveId;
            this.state = state;
            this.chars = chars;
            this.usedAt = usedAt;
        }
    }

    private final long maxChars;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    KnownStates() {
        this(MAX_CHARS);
    }

    KnownStates(long maxChars) {
        this.maxChars = maxChars;
    }

    /** The save id of the state known for the session, or {@code null}. */
    String saveIdOf(String sessionId) {
        Known entry = known.get(sessionId);
        return entry == null ? null : entry.saveId;
    }

    /**
     * The state held by {@code row}, whose state was not sent because its save id is the known one's; empty when the
     * known state cannot be the row's (it was replaced meanwhile, or the row's version or preview expiry differ).
     */
    Optional<ConversationState> stateOf(StoredRow row, long now) {
        Known entry = known.get(row.sessionId());
        if (entry == null || !entry.saveId.equals(row.saveId()) || entry.state.version() != row.version()) {
            return Optional.empty();
        }
        entry.usedAt = now;
        ConversationState state = entry.state;
        Optional<PendingPreview> pending = state.pending();
        Long expiry = row.previewExpiresAt();
        if (expiry == null) {
            return Optional.of(pending.isPresent() ? state.withoutExpiredPreview() : state);
        }
        boolean sameExpiry = pending.isPresent() && pending.get().expiresAt().toEpochMilli() == expiry.longValue();
        return sameExpiry ? Optional.of(state) : Optional.empty();
    }

    /**
     * Remembers {@code state}, whose JSON of {@code jsonChars} characters a row holds with {@code saveId}, as used at
     * {@code now}.
     */
    void remember(String saveId, ConversationState state, int jsonChars, long now) {
        if (saveId == null || jsonChars > MAX_STATE_CHARS) {
            forget(state.sessionId());
            return;
        }
        Known old = known.put(state.sessionId(), new Known(saveId, state, jsonChars, now));
        chars.addAndGet(jsonChars - (old == null ? 0 : old.chars));
        Iterator<Map.Entry<String, Known>> entries = known.entrySet().iterator();
        while (chars.get() > maxChars && entries.hasNext()) {
            Map.Entry<String, Known> entry = entries.next();
            // never the state just remembered: it is the one most likely to be asked for next
            if (!entry.getKey().equals(state.sessionId()) && known.remove(entry.getKey(), entry.getValue())) {
                chars.addAndGet(-entry.getValue().chars);
            }
        }
    }

    /** Forgets the session's state (it is gone, or no longer stored as known). */
    void forget(String sessionId) {
        Known old = known.remove(sessionId);
        if (old != null) {
            chars.addAndGet(-old.chars);
        }
    }

    /** Forgets every state last used before {@code cutoff} (epoch millis); returns how many. */
    int forgetUsedBefore(long cutoff) {
        int forgotten = 0;
        for (Map.Entry<String, Known> entry : known.entrySet()) {
            if (entry.getValue().usedAt < cutoff && known.remove(entry.getKey(), entry.getValue())) {
                chars.addAndGet(-entry.getValue().chars);
                forgotten++;
            }
        }
        return forgotten;
    }

    /** How many states are known (for tests). */
    int size() {
        return known.size();
    }

    /** The JSON characters of the known states together (for tests). */
    long chars() {
        return chars.get();
    }
}
