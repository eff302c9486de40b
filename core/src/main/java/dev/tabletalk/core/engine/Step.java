package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.Reply;
import java.util.Optional;

/** What a turn produced: the reply, the state to save (if it changed) and whether it is audited already. */
record Step(Reply reply, Optional<ConversationState> next, boolean audited) {

    static Step unchanged(Reply reply) {
        return new Step(reply, Optional.empty(), false);
    }

    static Step changed(Reply reply, ConversationState next) {
        return new Step(reply, Optional.of(next), false);
    }

    static Step audited(Reply reply) {
        return new Step(reply, Optional.empty(), true);
    }

    /** A refusal that leaves the state as it was; the turn records the refusal's code. */
    static Step refuse(Turn turn, ConversationState state, Refusal refusal) {
        turn.refused(refusal.code());
        return unchanged(Replies.refused(state, refusal));
    }

    /** This step, saving {@code fallback} when it would leave the state as it was. */
    Step orSave(ConversationState fallback) {
        return next.isPresent() ? this : new Step(reply, Optional.of(fallback), audited);
    }

    /** This step with {@code lead} put before its reply's text. */
    Step withLead(String lead) {
        Reply led = new Reply(reply.sessionId(), reply.stage(), lead + reply.text(), reply.parts());
        return new Step(led, next, audited);
    }

    Step markAudited() {
        return new Step(reply, next, true);
    }
}
