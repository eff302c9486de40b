package dev.tabletalk.core.port.out;

import dev.tabletalk.core.conversation.ConversationState;
import java.util.Optional;

/**
 * Conversation states by session id, with optimistic versions: two concurrent turns on one
 * session never corrupt its state; one saves, the other gets a {@link SaveOutcome.VersionConflict}.
 *
 * <p>Implementations are thread-safe. Nulls are never passed or returned.
 */
public interface SessionStore {

    /** The stored state of a session, if any. */
    Optional<ConversationState> find(String sessionId);

    /**
     * Stores {@code state} if the stored version is still {@code expectedVersion} ({@code 0}: the
     * session must not exist yet). The saved state's version is {@code expectedVersion + 1}.
     */
    SaveOutcome save(ConversationState state, long expectedVersion);

    /**
     * Marks {@code found}, just returned by {@link #find}, as used by a turn that saved nothing: a turn keeps its
     * session from idling away whether or not it saves it. The default does nothing, for a store whose
     * {@link #find} marks a session used itself; a store that marks sessions on save (and defers the mark on
     * find) does it here.
     */
    default void markUsed(ConversationState found) {}
}
