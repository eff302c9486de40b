package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session states that were saved by a turn whose audit record could not be written, and that could not be
 * rolled back either (the session store failed too). Until a later save replaces such a state, a load of the
 * session gives the state from before that turn instead, so nothing the person was told did not happen (a
 * draft, a preview) can be used. Kept in this process; bounded. Thread-safe.
 */
final class UnauditedStates {

    private static final Logger log = LoggerFactory.getLogger(UnauditedStates.class);
    private static final int MAX = 10_000;

    private final Map<String, Unaudited> bySession = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unaudited> eldest) {
            if (size() > MAX) {
                log.error(
                        "more than {} unaudited session states to undo; the oldest (session {}) is forgotten",
                        MAX,
                        eldest.getKey());
                return true;
            }
            return false;
        }
    };

    /** Remembers that {@code unauditedVersion} of the session must read as {@code before}. */
    synchronized void remember(String sessionId, long unauditedVersion, ConversationState before) {
        bySession.put(sessionId, new Unaudited(unauditedVersion, before));
    }

    /** The stored state, or the state from before an unaudited turn when that turn's state is still stored. */
    synchronized Optional<ConversationState> undo(String sessionId, Optional<ConversationState> stored) {
        Unaudited unaudited = bySession.get(sessionId);
        if (unaudited == null) {
            return stored;
        }
        if (stored.isPresent() && stored.get().version() == unaudited.version()) {
            return Optional.of(unaudited.before().withVersion(unaudited.version()));
        }
        // replaced (or dropped) since: nothing left to undo
        bySession.remove(sessionId);
        return stored;
    }

    private record Unaudited(long version, ConversationState before) {}
}
