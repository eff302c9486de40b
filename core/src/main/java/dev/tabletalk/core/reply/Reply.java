package dev.tabletalk.core.reply;

import dev.tabletalk.core.conversation.Stage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one turn: text for a person plus structured parts.
 *
 * @param sessionId the session the turn belongs to (new sessions get one)
 * @param stage the conversation's stage after the turn
 * @param text what to tell the person
 * @param parts the structured facts behind the text
 */
public record Reply(String sessionId, Stage stage, String text, List<ReplyPart> parts) {

    public Reply {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /** The first part of the given type, if any. */
    public <T extends ReplyPart> Optional<T> part(Class<T> type) {
        // #17: asked several times a turn, so a plain walk over the few parts, no stream
        for (ReplyPart part : parts) {
            if (type.isInstance(part)) {
                return Optional.of(type.cast(part));
            }
        }
        return Optional.empty();
    }

    /** The refusal, if the turn was refused. */
    public Optional<Refusal> refusal() {
        return part(ReplyPart.Refused.class).map(ReplyPart.Refused::refusal);
    }

    public boolean isRefused() {
        return refusal().isPresent();
    }
}
