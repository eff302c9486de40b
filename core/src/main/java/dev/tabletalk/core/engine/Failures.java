package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.ReplyPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a dependency that failed during a turn into an honest reply with an error id, and records it on the turn. */
final class Failures {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    /**
     * The session store lost the answer to a save and could not find out whether it was stored: the turn says so,
     * never "nothing was changed" of the conversation. Nothing runs on the database after a failed save.
     */
    static final String SAVE_OUTCOME_UNKNOWN =
            "The conversation store stopped answering while this turn was being saved,"
                    + " so it is not known whether the conversation moved on. Nothing was changed in the database. Once the store"
                    + " answers, say 'show draft' to see where the conversation stands.";

    private final Ids ids;

    Failures(Ids ids) {
        this.ids = ids;
    }

    Step failed(Turn turn, ConversationState state, DependencyUnavailableException e) {
        String errorId = ids.errorId();
        turn.failed(e, errorId);
        if (e.fault().isPresent()) {
            return databaseFault(turn, state, e.fault().get(), e, errorId);
        }
        log.warn("dependency {} unavailable (error id {}): {}", e.dependency(), errorId, e.getMessage());
        String message = switch (e.dependency()) {
            case TARGET_DATABASE ->
                "The database is unavailable right now. Nothing was changed; your draft is kept. "
                        + "Please try again in a moment.";
            case PLANNER ->
                "The assistant that reads messages is unavailable right now. Nothing was changed; "
                        + "please try again in a moment.";
            case AUDIT_STORE -> Replies.auditUnavailable().message();
            case SESSION_STORE ->
                e.isOutcomeUnknown()
                        ? SAVE_OUTCOME_UNKNOWN
                        : "The conversation store is unavailable right now, so nothing was changed. "
                                + "Please try again in a moment.";
            case SHARED_STATE ->
                "The store the servers share is unavailable right now, so nothing was changed. "
                        + "Please try again in a moment.";
            case CHOSEN_DATABASE ->
                "This server is not connected to the database the operator chose yet, so it answers nothing from "
                        + "the one before. Nothing was changed; please try again in a moment.";
        };
        return Step.unchanged(Replies.reply(
                state,
                message,
                new ReplyPart.Error(
                        ReplyPart.Error.codeOf(e.dependency()), message,
                        e.isRetryable(), errorId)));
    }

    /**
     * The target database answered but refused: an honest, non-retryable refusal with its own code and
     * the error id that finds the turn in the audit log (which holds the database's error class).
     */
    private Step databaseFault(
            Turn turn, ConversationState state, DatabaseFault fault, DependencyUnavailableException e, String errorId) {
        log.warn("target database refused a statement (error id {}): {}", errorId, e.getMessage());
        Refusal refusal = Texts.databaseFault(fault, errorId);
        turn.refusalCode(refusal.code());
        return Step.unchanged(Replies.reply(
                state,
                refusal.message(),
                new ReplyPart.Refused(refusal),
                new ReplyPart.Error(refusal.code().wireName(), refusal.message(), false, errorId)));
    }
}
