package dev.tabletalk.core.port.out;

import dev.tabletalk.core.conversation.ConversationState;
import java.util.Objects;
import java.util.Optional;

/** What happened when a session state was saved with an expected version. */
public sealed interface SaveOutcome {

    /** Stored; {@code state} carries the new version. */
    record Saved(ConversationState state) implements SaveOutcome {
        public Saved {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Another turn saved first; {@code current} is what is stored now (empty if it was removed). */
    record VersionConflict(Optional<ConversationState> current) implements SaveOutcome {
        public VersionConflict {
            Objects.requireNonNull(current, "current");
        }
    }
}
