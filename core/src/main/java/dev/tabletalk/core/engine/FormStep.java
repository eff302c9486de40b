package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.SoftDeletes;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form step, shaped like Rasa's form loop: the required slots of a draft are the entity's required
 * fields ({@link PlanValidator#missingRequired}); the requested slot is the draft's awaited field; new values
 * are validated before they fill a slot ({@link #validateAndMerge}); then the next missing slot is asked for,
 * or the complete draft is submitted to the {@link PreviewStep} ({@link #askNextOrSubmit}).
 */
final class FormStep {

    private final PlanValidator validator;
    private final Clock clock;
    private final PreviewStep previews;

    FormStep(PlanValidator validator, Clock clock, PreviewStep previews) {
        this.validator = validator;
        this.clock = clock;
        this.previews = previews;
    }

    /** Sets one field of the draft from text a person typed, then moves the draft on (ask, or preview). */
    Step fill(
            TurnContext ctx,
            ConversationState state,
            Draft draft,
            Entity entity,
            Column column,
            String typed,
            String lead) {
        Turn turn = ctx.turn();
        Coerced coerced = ValueCoercion.fromText(column, typed);
        if (coerced instanceof Coerced.Rejected rejected) {
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(rejected.problem().code(), rejected.problem().message() + reAsk(state, entity, draft)));
        }
        Object value = ((Coerced.Value) coerced).value();
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(column.name(), value);
        turn.extracted(single, List.of());
        return validateAndMerge(ctx, state, draft, single, lead);
    }

    static String reAsk(ConversationState state, Entity entity, Draft draft) {
        return draft.awaitingField()
                .map(f -> " " + Texts.question(entity, f, draft.entity()))
                .orElse("");
    }

    /** Validates new values, merges them into the draft, and moves it on. */
    Step validateAndMerge(
            TurnContext ctx, ConversationState state, Draft draft, Map<String, Object> values, String lead) {
        Turn turn = ctx.turn();
        EntityCatalog catalog = ctx.catalog();
        Draft merged = draft;
        if (values.isEmpty() && draft.values().isEmpty()) {
            // a fresh draft: whether the caller may write this entity at all (role, column grants, tenancy) is
            // said at once, not after every field has been asked for
            Validation access = validator.validateValues(draft.intent(), draft.entity(), Map.of(), catalog, ctx.user());
            if (access instanceof Validation.Invalid invalid) {
                return Step.refuse(turn, state, invalid.refusal());
            }
        }
        if (!values.isEmpty()) {
            // a soft delete's "now" becomes this turn's time on the injected clock, before it is validated
            Map<String, Object> resolved = draft.intent() == Intent.UPDATE
                    ? catalog.find(draft.entity())
                            .map(e -> SoftDeletes.resolveNow(e, values, clock.now()))
                            .orElse(values)
                    : values;
            Validation validation =
                    validator.validateValues(draft.intent(), draft.entity(), resolved, catalog, ctx.user());
            if (validation instanceof Validation.Invalid invalid) {
                Optional<Entity> entity = catalog.find(draft.entity());
                String again = entity.map(e -> reAsk(state, e, draft)).orElse("");
                Refusal refusal = invalid.refusal();
                return Step.refuse(turn, state, Refusal.of(refusal.code(), refusal.message() + again));
            }
            Plan plan = ((Validation.Valid) validation).plan();
            Map<String, Object> coerced = plan instanceof CreatePlan c ? c.values() : ((UpdatePlan) plan).changes();
            Map<String, Object> all = new LinkedHashMap<>(draft.values());
            all.putAll(coerced);
            merged = draft.withValues(all);
        }
        return askNextOrSubmit(ctx, state, merged, lead);
    }

    /** Asks for the next missing field, or previews a complete draft. */
    Step askNextOrSubmit(TurnContext ctx, ConversationState state, Draft draft, String lead) {
        Turn turn = ctx.turn();
        Optional<Entity> found = ctx.catalog().find(draft.entity());
        if (found.isEmpty()) {
            ConversationState next = state.idle(clock.now());
            return Step.changed(
                    Replies.refused(
                            next,
                            Refusal.of(
                                    RefusalCode.UNKNOWN_ENTITY,
                                    "The schema changed and " + draft.entity()
                                            + " is no longer available; the draft was dropped.")),
                    next);
        }
        Entity entity = found.get();
        turn.action(AuditEvent.Action.COLLECT).target(draft.intent(), draft.entity());
        if (draft.intent() == Intent.CREATE) {
            List<String> missing = PlanValidator.missingRequired(entity, draft.values());
            if (!missing.isEmpty()) {
                Draft asking = draft.awaiting(Optional.of(missing.get(0)));
                ConversationState next = state.collecting(asking, clock.now());
                String question = Texts.question(entity, missing.get(0), draft.entity());
                return Step.changed(
                        Replies.reply(
                                next,
                                lead + question,
                                Replies.draftPart(asking),
                                Replies.missingPart(entity, missing, question)),
                        next);
            }
        } else if (draft.values().isEmpty()) {
            Draft asking = draft.awaiting(Optional.empty());
            ConversationState next = state.collecting(asking, clock.now());
            return Step.changed(
                    Replies.reply(
                            next,
                            lead + "What should change on " + draft.entity()
                                    + Texts.filterSummary(draft.filters()) + "? For example 'set "
                                    + entity.form().updateNames().stream()
                                            .findFirst()
                                            .orElse("name") + " to ...'.",
                            Replies.draftPart(asking)),
                    next);
        }
        return previews.preview(ctx, state, draft.awaiting(Optional.empty()), lead);
    }
}
