package dev.tabletalk.launcher;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The session store shared by every target database a {@link TableTalk} is switched to. Each target sees it
 * through {@link #forTarget(long)}: a session last saved while another target was current comes back idle,
 * its draft, pending preview and last read (for "show more") dropped, so a preview of one database can never be confirmed against
 * another (a confirm then finds nothing to confirm). Thread-safe.
 */
final class SwitchSessions {

    /** The target of sessions saved before any switch (and of sessions this process never saw saved). */
    static final long FIRST_TARGET = 0;

    private final SessionStore store;
    private final ConcurrentMap<String, Long> savedFor = new ConcurrentHashMap<>();

    SwitchSessions(SessionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The store as the engine of one target sees it. */
    SessionStore forTarget(long target) {
        return new SessionStore() {
            @Override
            public Optional<ConversationState> find(String sessionId) {
                Optional<ConversationState> found = store.find(sessionId);
                if (found.isEmpty()) {
                    // dropped by the store (idle, or over the user's cap): nothing left to remember
                    savedFor.remove(sessionId);
                }
                return found.map(state -> {
                    long savedTarget = savedFor.getOrDefault(sessionId, FIRST_TARGET);
                    if (savedTarget == target
                            || (state.stage() == Stage.IDLE && state.lastRead().isEmpty())) {
                        return state;
                    }
                    // idle keeps the version: the engine's next save replaces the state as usual; the last read
                    // goes too, so that "show more" never continues a list of another database (#13)
                    return state.idle(state.updatedAt()).withoutLastRead();
                });
            }

            @Override
            public void markUsed(ConversationState found) {
                store.markUsed(found);
            }

            @Override
            public SaveOutcome save(ConversationState state, long expectedVersion) {
                SaveOutcome outcome = store.save(state, expectedVersion);
                if (outcome instanceof SaveOutcome.Saved && target == FIRST_TARGET) {
                    // the default: remembered by absence, so that this map stays empty until a switch
                    savedFor.remove(state.sessionId());
                } else if (outcome instanceof SaveOutcome.Saved) {
                    savedFor.put(state.sessionId(), target);
                }
                return outcome;
            }
        };
    }
}
