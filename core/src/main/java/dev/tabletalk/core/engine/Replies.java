package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.List;

/** Builds the replies of a turn: text and parts, for the session and stage of a state. */
final class Replies {

    private Replies() {}

    static Reply reply(ConversationState state, String text, ReplyPart... parts) {
        return reply(state, text, List.of(parts));
    }

    static Reply reply(ConversationState state, String text, List<ReplyPart> parts) {
        return new Reply(state.sessionId(), state.stage(), text, parts);
    }

    static Reply refused(ConversationState state, Refusal refusal) {
        return new Reply(state.sessionId(), state.stage(), refusal.message(), List.of(new ReplyPart.Refused(refusal)));
    }

    static Refusal auditUnavailable() {
        return Refusal.of(
                RefusalCode.AUDIT_UNAVAILABLE,
                "The audit log cannot be written right now, so nothing was "
                        + "done: every action must be recorded. Please try again later or tell an administrator.");
    }

    static ReplyPart.Draft draftPart(Draft draft) {
        return new ReplyPart.Draft(draft.intent(), draft.entity(), draft.values(), draft.filters());
    }
}
