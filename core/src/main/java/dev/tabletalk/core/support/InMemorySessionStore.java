package dev.tabletalk.core.support;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sessions in this process's memory, with optimistic versions. Suitable for one process;
 * thread-safe (each save is one atomic compare-and-set on the session's entry).
 */
public final class InMemorySessionStore implements SessionStore {

    private final ConcurrentMap<String, ConversationState> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<ConversationState> find(String sessionId) {
        return Optional.ofNullable(sessions.get(Objects.requireNonNull(sessionId, "sessionId")));
    }

    @Override
    public SaveOutcome save(ConversationState state, long expectedVersion) {
        Objects.requireNonNull(state, "state");
        ConversationState next = state.withVersion(expectedVersion + 1);
        boolean[] saved = {false};
        ConversationState result = sessions.compute(state.sessionId(), (id, current) -> {
            long currentVersion = current == null ? 0 : current.version();
            if (currentVersion != expectedVersion) {
                return current;
            }
            saved[0] = true;
            return next;
        });
        return saved[0] ? new SaveOutcome.Saved(next) : new SaveOutcome.VersionConflict(Optional.ofNullable(result));
    }
}
