package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answer to a clarifying question (stage CLARIFYING, #13). A number ("2"), or a choice's label or value
 * (ignoring case), picks that choice, whose plan then runs exactly as if the planner had returned it
 * (validation, preview for writes, ...); a number that names no choice is refused and the question stays;
 * anything else drops the question and is planned afresh, and the reply says so. Universal commands are
 * handled before this step ({@link CommandStep}).
 */
final class ClarifyStep {

    /** How the choice's plan is recorded as "planned": not by a planner, but by the person's answer. */
    static final PlannerTrace ANSWER_TRACE = PlannerTrace.offline("clarify-answer");

    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    private final PlannerStep plannerStep;

    ClarifyStep(PlannerStep plannerStep) {
        this.plannerStep = plannerStep;
    }

    /** The step this message takes while {@code state} is clarifying. */
    Step answer(TurnContext ctx, ConversationState state, String message) {
        Question question = state.question().orElseThrow(() -> new IllegalStateException("no question is asked"));
        String answer = UniversalCommand.normalize(message);
        ConversationState without = state.withoutQuestion();
        Optional<Question.Choice> picked;
        if (NUMBER.matcher(answer).matches()) {
            picked = question.numbered(Integer.parseInt(answer));
            if (picked.isEmpty()) {
                // the question stays, and is shown again
                ReplyPart.Question part = PlannerStep.questionPart(question);
                Refusal refusal = Refusal.of(
                        RefusalCode.NOT_UNDERSTOOD,
                        "There is no choice " + answer + "; answer with a number from 1 to "
                                + question.choices().size() + ", a name, or say 'cancel'.");
                ctx.turn().refused(refusal.code());
                return Step.unchanged(Replies.reply(
                        state,
                        refusal.message() + " " + PlannerStep.questionText(part),
                        new ReplyPart.Refused(refusal),
                        part));
            }
        } else {
            picked = question.named(answer);
        }
        if (picked.isPresent()) {
            Question.Choice choice = picked.get();
            ctx.turn().planner(ANSWER_TRACE);
            return plannerStep
                    .handle(ctx, without, PlannedPlans.output(choice.plan(), ANSWER_TRACE), message)
                    .orSave(without)
                    .withLead("(" + choice.label() + ") ");
        }
        return plannerStep
                .planned(ctx, without, message)
                .orSave(without)
                .withLead("That was not one of the choices, so the question was dropped and your message read as a"
                        + " new request. ");
    }
}
