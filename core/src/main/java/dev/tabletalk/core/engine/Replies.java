package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** The missing required fields of a create, each with its type and allowed values, and the question asked. */
    static ReplyPart.MissingFields missingPart(Entity entity, List<String> missing, String question) {
        List<ReplyPart.MissingField> details = new ArrayList<>();
        for (String field : missing) {
            Optional<Column> column = entity.visibleColumn(field);
            details.add(new ReplyPart.MissingField(
                    field,
                    column.map(c -> c.type().name().toLowerCase(Locale.ROOT)).orElse("other"),
                    true,
                    column.map(Column::enumValues).orElse(List.of())));
        }
        return new ReplyPart.MissingFields(missing, question, details);
    }
}
