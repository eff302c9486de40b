package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The session store as the engine uses it: any failure of the store, whatever its exception, is a
 * {@link DependencyUnavailableException} of the session store, so that the engine replies and audits it like
 * every other dependency error instead of letting it escape a turn. Not a port implementation itself (those
 * live outside core). Thread-safe as the store it wraps.
 */
final class GuardedSessions {

    private final SessionStore store;

    GuardedSessions(SessionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    Optional<ConversationState> find(String sessionId) {
        try {
            return Objects.requireNonNull(store.find(sessionId), "the session store returned null");
        } catch (DependencyUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DependencyUnavailableException.sessionStore("the session store failed to load a session", e);
        }
    }

    void markUsed(ConversationState found) {
        try {
            store.markUsed(found);
        } catch (DependencyUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DependencyUnavailableException.sessionStore("the session store failed to mark a session used", e);
        }
    }

    SaveOutcome save(ConversationState state, long expectedVersion) {
        try {
            return Objects.requireNonNull(store.save(state, expectedVersion), "the session store returned null");
        } catch (DependencyUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DependencyUnavailableException.sessionStore("the session store failed to save a session", e);
        }
    }
}
