package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.ReplyBounds;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;

/**
 * The preview step: validates a complete draft into a plan, asks the executor for a preview (never a write),
 * and keeps it as the session's single pending preview until it is confirmed or expires. A refused create
 * keeps its draft to be corrected; a refused update is dropped.
 */
final class PreviewStep {

    private final PlanValidator validator;
    private final GuardedExecutor executor;
    private final Clock clock;
    private final Limits limits;
    private final ReplyLimits replyLimits;
    private final Ids ids;

    PreviewStep(
            PlanValidator validator,
            GuardedExecutor executor,
            Clock clock,
            Limits limits,
            ReplyLimits replyLimits,
            Ids ids) {
        this.validator = validator;
        this.executor = executor;
        this.clock = clock;
        this.limits = limits;
        this.replyLimits = replyLimits;
        this.ids = ids;
    }

    Step preview(TurnContext ctx, ConversationState state, Draft draft, String lead) {
        Turn turn = ctx.turn();
        UserContext user = ctx.user();
        Plan plan = draft.intent() == Intent.CREATE
                ? new CreatePlan(draft.entity(), draft.values())
                : new UpdatePlan(draft.entity(), draft.values(), draft.filters());
        turn.action(AuditEvent.Action.PREVIEW);
        Validation validation = validator.validate(plan, ctx.catalog(), user);
        if (validation instanceof Validation.Invalid invalid) {
            return refuseDraft(turn, state, draft, invalid.refusal());
        }
        Plan valid = ((Validation.Valid) validation).plan();
        turn.plan(valid);
        PreviewOutcome outcome = valid instanceof CreatePlan create
                ? executor.previewCreate(create, user)
                : executor.previewUpdate((UpdatePlan) valid, user);
        if (outcome instanceof PreviewOutcome.Refused refused) {
            return refuseDraft(turn, state, draft, refused.refusal());
        }
        PreviewOutcome.Ready ready = (PreviewOutcome.Ready) outcome;
        PendingPreview pending = new PendingPreview(
                "pv_" + ids.hex(),
                ready.preview(),
                ready.snapshot(),
                clock.now().plus(limits.previewTtl()));
        turn.rows(ready.preview().rowCount());
        ConversationState next = state.previewing(draft, pending, clock.now());
        Preview shown = shown(ready.preview());
        return Step.changed(
                Replies.reply(
                        next,
                        lead + Texts.describePreview(shown) + " " + Texts.confirmHint(),
                        new ReplyPart.Preview(pending.id(), shown, pending.expiresAt())),
                next);
    }

    /** A refused preview: a create keeps its draft to be corrected; an update is dropped. */
    private Step refuseDraft(Turn turn, ConversationState state, Draft draft, Refusal refusal) {
        turn.refused(refusal.code());
        if (draft.intent() == Intent.CREATE) {
            ConversationState next = state.collecting(draft, clock.now());
            return Step.changed(
                    Replies.refused(
                            next,
                            Refusal.of(
                                    refusal.code(),
                                    refusal.message() + " Say 'change <field> to <value>' to fix it, or 'cancel'.")),
                    next);
        }
        ConversationState next = state.idle(clock.now());
        return Step.changed(Replies.refused(next, refusal), next);
    }

    /** The preview as shown in a reply: values cut to the cell limit; the pending preview keeps them whole. */
    Preview shown(Preview preview) {
        return ReplyBounds.preview(preview, replyLimits);
    }
}
