package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Days;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.validation.PlanValidator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a turn's planner output becomes the next step: a {@link ReadPlan} (built by {@link PlannedPlans}, as for
 * {@link PlanChecker}) that is validated and run at once, or the values and filters of a create or update draft,
 * handed to the {@link FormStep}, or a clarifying question with numbered choices (stage CLARIFYING, answered
 * through the {@link ClarifyStep}). The planner only proposes; nothing it returns reaches the executor
 * unvalidated.
 */
final class PlannerStep {

    private final Planner planner;
    private final ReadOnlyMode readOnlyMode;
    private final FormStep form;
    private final Clock clock;
    private final ReadStep reads;

    PlannerStep(
            Planner planner,
            PlanValidator validator,
            GuardedExecutor executor,
            ReadOnlyMode readOnlyMode,
            ReplyLimits replyLimits,
            FormStep form,
            Clock clock) {
        this.planner = planner;
        this.readOnlyMode = readOnlyMode;
        this.form = form;
        this.clock = clock;
        this.reads = new ReadStep(validator, executor, replyLimits);
    }

    /**
     * Asks the planner to read the message, and turns its output into the next step: a read plan that runs
     * at once, a write draft for the form, or the answer to the question the form asked.
     */
    Step planned(TurnContext ctx, ConversationState state, String message) {
        Turn turn = ctx.turn();
        Optional<Draft> draft = state.draft();
        PlannerRequest request = new PlannerRequest(
                message,
                state.stage(),
                draft.map(Draft::intent),
                draft.map(Draft::entity),
                draft.flatMap(Draft::awaitingField),
                draft.map(d -> List.copyOf(d.values().keySet())).orElse(List.of()),
                ctx.view(),
                LocalDate.ofInstant(clock.now(), Days.ZONE));
        PlannerOutput output = planner.plan(request);
        turn.planner(output.trace());
        return handle(ctx, state, output, message);
    }

    /**
     * Turns a planner's output (or the plan of a clarifying question's chosen answer, see {@link ClarifyStep})
     * into the next step: a refusal, a question, a read, a write draft, or an answer to the form's question.
     */
    Step handle(TurnContext ctx, ConversationState state, PlannerOutput output, String message) {
        Turn turn = ctx.turn();
        EntityCatalog catalog = ctx.catalog();
        Optional<Draft> draft = state.draft();
        turn.extracted(output.fields(), output.filters());
        output.entity().ifPresent(e -> turn.target(output.intent(), e));
        if (output.refusal().isPresent()) {
            return Step.refuse(turn, state, output.refusal().get());
        }
        if (output.question().isPresent()) {
            return ask(turn, state, output.question().get());
        }
        switch (output.intent()) {
            case READ:
                return read(ctx, state, output);
            case CREATE:
            case UPDATE:
                return write(ctx, state, output);
            case UNKNOWN:
            default:
                if (draft.isPresent() && !output.fields().isEmpty()) {
                    turn.action(AuditEvent.Action.COLLECT)
                            .target(draft.get().intent(), draft.get().entity());
                    return form.validateAndMerge(ctx, state, draft.get(), output.fields(), "");
                }
                if (draft.isPresent() && draft.get().awaitingField().isPresent()) {
                    // the answer to the question the engine asked
                    Draft d = draft.get();
                    Optional<Entity> entity = catalog.find(d.entity());
                    Optional<Column> column = entity.flatMap(
                            e -> e.visibleColumn(d.awaitingField().get()));
                    if (column.isPresent()) {
                        turn.action(AuditEvent.Action.COLLECT).target(d.intent(), d.entity());
                        return form.fill(ctx, state, d, entity.get(), column.get(), message, "");
                    }
                }
                return Step.refuse(turn, state, Refusal.of(RefusalCode.NOT_UNDERSTOOD, Texts.notUnderstood(state)));
        }
    }

    /** Asks a clarifying question: the session waits in CLARIFYING for a number, a label or a value (#13). */
    private Step ask(Turn turn, ConversationState state, Question question) {
        turn.action(AuditEvent.Action.CLARIFY);
        ConversationState next = state.clarifying(question, clock.now());
        ReplyPart.Question part = questionPart(question);
        return Step.changed(Replies.reply(next, questionText(part), part), next);
    }

    /** The question as a reply part: its choices numbered from 1. */
    static ReplyPart.Question questionPart(Question question) {
        List<ReplyPart.Choice> choices = new ArrayList<>();
        for (int i = 0; i < question.choices().size(); i++) {
            Question.Choice choice = question.choices().get(i);
            choices.add(new ReplyPart.Choice(i + 1, choice.label(), choice.value()));
        }
        return new ReplyPart.Question(question.text(), choices);
    }

    /** The question for a person, on one line: its text, the numbered choices, and how to answer. */
    static String questionText(ReplyPart.Question question) {
        StringBuilder text = new StringBuilder(question.text());
        String separator = " ";
        for (ReplyPart.Choice choice : question.choices()) {
            text.append(separator).append(choice.n()).append(". ").append(choice.label());
            separator = "; ";
        }
        return text.append(". Answer with a number or a name, or say 'cancel'.").toString();
    }

    private Step read(TurnContext ctx, ConversationState state, PlannerOutput output) {
        Turn turn = ctx.turn();
        turn.action(AuditEvent.Action.READ);
        if (output.entity().isEmpty()) {
            return Step.refuse(turn, state, Refusal.of(RefusalCode.NOT_UNDERSTOOD, Wording.WHICH_TABLE));
        }
        return reads.planned(ctx, state, output.readPlan(output.entity().get()));
    }

    /** How reads run and page (shared with the {@link PagingStep}). */
    ReadStep reads() {
        return reads;
    }

    private Step write(TurnContext ctx, ConversationState state, PlannerOutput output) {
        Turn turn = ctx.turn();
        EntityCatalog catalog = ctx.catalog();
        turn.action(AuditEvent.Action.COLLECT);
        Intent intent = output.intent();
        if (readOnlyMode.isOn()) {
            // INV-10: refused at once, before any draft is touched
            return Step.refuse(turn, state, PlanValidator.readOnlyRefusal());
        }
        Optional<Draft> current = state.draft();
        Optional<String> named = output.entity()
                .or(() -> current.filter(d -> d.intent() == intent).map(Draft::entity));
        if (named.isEmpty()) {
            return Step.refuse(turn, state, Refusal.of(RefusalCode.NOT_UNDERSTOOD, Wording.WHICH_TABLE));
        }
        Optional<Entity> entity = catalog.find(named.get());
        if (entity.isEmpty()) {
            return Step.refuse(turn, state, PlanValidator.unknownEntityRefusal(named.get()));
        }
        String reference = catalog.referenceOf(entity.get());
        turn.target(intent, reference);
        if (current.isPresent()) {
            Draft d = current.get();
            if (d.intent() != intent || !d.entity().equals(reference)) {
                return Step.refuse(
                        turn,
                        state,
                        Refusal.of(
                                RefusalCode.DRAFT_IN_PROGRESS,
                                "You have " + Texts.draftName(d)
                                        + " in progress. Finish it, or say 'cancel' to drop it first."));
            }
            Draft merged = output.filters().isEmpty() ? d : d.withFilters(output.filters());
            return form.validateAndMerge(ctx, state, merged, output.fields(), "");
        }
        Draft fresh = Draft.start(intent, reference).withFilters(output.filters());
        return form.validateAndMerge(ctx, state, fresh, output.fields(), "");
    }
}
