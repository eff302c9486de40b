package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.Interpretation;
import dev.tabletalk.core.reply.ReplyBounds;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import java.util.Optional;

/**
 * Runs a read: validates the plan, reads through the guarded executor, bounds the reply, states the interpretation,
 * and remembers the read and the page it showed in the session ({@link LastRead}) so that "show more" and "page 3"
 * can continue it (#13). A planned read shows its first page; the {@link PagingStep} asks for the others, each
 * validated and run exactly like a planned read (tenant, soft delete, role and caps included).
 */
final class ReadStep {

    private final PlanValidator validator;
    private final GuardedExecutor executor;
    private final ReplyLimits replyLimits;

    ReadStep(PlanValidator validator, GuardedExecutor executor, ReplyLimits replyLimits) {
        this.validator = validator;
        this.executor = executor;
        this.replyLimits = replyLimits;
    }

    /** Which page a read shows: its number, and how many rows come before it. */
    record Page(int number, int rowsBefore, boolean isPaging) {

        /** The first page of a planned read (which may skip rows by its own offset). */
        static Page planned(ReadPlan plan, int pageRows) {
            return new Page(plan.offset() / pageRows + 1, plan.offset(), false);
        }
    }

    /** The rows of a page: this many by default, the row cap unless the read asked for fewer. */
    int pageRows(ReadPlan plan) {
        Limits limits = validator.limits();
        int cap = Math.min(limits.maxRows(), Limits.HARD_MAX_ROWS);
        return plan.limit().isPresent() ? Math.min(cap, plan.limit().getAsInt()) : cap;
    }

    /** A planned read: its first page. */
    Step planned(TurnContext ctx, ConversationState state, ReadPlan plan) {
        return run(ctx, state, plan, Optional.empty());
    }

    /** Another page of the session's last read: {@code plan} is that read from the page's first row. */
    Step page(TurnContext ctx, ConversationState state, ReadPlan plan, Page page) {
        return run(ctx, state, plan, Optional.of(page));
    }

    private Step run(TurnContext ctx, ConversationState state, ReadPlan plan, Optional<Page> asked) {
        Turn turn = ctx.turn();
        turn.action(AuditEvent.Action.READ).target(plan.intent(), plan.entity());
        Validation validation = validator.validate(plan, ctx.catalog(), ctx.user());
        if (validation instanceof Validation.Invalid invalid) {
            return Step.refuse(turn, state, invalid.refusal());
        }
        Validation.Valid validated = (Validation.Valid) validation;
        ReadPlan valid = (ReadPlan) validated.plan();
        turn.plan(valid);
        ReadOutcome outcome = executor.read(valid, ctx.user());
        if (outcome instanceof ReadOutcome.Refused refused) {
            return Step.refuse(turn, state, refused.refusal());
        }
        ReadOutcome.Rows read = (ReadOutcome.Rows) outcome;
        turn.rows(read.rows().size());
        boolean softDeleting = validated.entity().softDelete().isPresent();
        // the reply is bounded once, here, so that every adapter shows the same cut (PUB-106)
        ReplyBounds.BoundedRows shown = ReplyBounds.rows(read.rows(), replyLimits);
        int rowsShown = shown.rows().size();
        boolean hasMore = read.rows().hasMore() || shown.rowsOmitted() > 0;
        ReadPlan first = valid.withOffset(0).withAfter(Optional.empty());
        Page page = asked.orElseGet(() -> Page.planned(valid, pageRows(valid)));
        if (page.isPaging() && rowsShown == 0 && page.rowsBefore() > 0) {
            // a page past the end: said plainly, and the page shown before stays the one to continue from
            return Step.unchanged(Replies.reply(state, Texts.pastTheEnd(valid.entity(), page.number())));
        }
        // continue right after the last row shown (not the last row read: the reply may have left some out)
        Optional<Keyset> position = rowsShown > 0 && read.positions().size() >= rowsShown
                ? Optional.of(read.positions().get(rowsShown - 1))
                : Optional.empty();
        ConversationState next =
                state.withLastRead(new LastRead(first, page.number(), page.rowsBefore(), rowsShown, position, hasMore));
        String interpretation;
        String text;
        if (page.isPaging()) {
            interpretation = Interpretation.of(first, softDeleting) + "; "
                    + Texts.pageLine(page.number(), page.rowsBefore(), rowsShown, hasMore);
            text = Texts.describePage(valid.entity(), page.number(), page.rowsBefore(), rowsShown, hasMore);
        } else {
            interpretation = Interpretation.of(valid, read.rows(), softDeleting);
            text = shown.rowsOmitted() == 0
                    ? Texts.describeRows(valid.entity(), read.rows(), valid.aggregate())
                    : Texts.describeOmitted(
                            valid.entity(), rowsShown, read.rows().size(), replyLimits);
        }
        if (shown.cellsTruncated() > 0) {
            text = text + " " + Texts.describeCutValues(shown.cellsTruncated(), replyLimits);
        }
        if (state.draft().isPresent()) {
            text = text + " Your " + state.draft().get().entity() + " draft is still open.";
        }
        return Step.changed(
                Replies.reply(
                        next,
                        text,
                        new ReplyPart.Rows(
                                valid.entity(),
                                shown.rows(),
                                shown.rowsOmitted(),
                                shown.cellsTruncated(),
                                Optional.of(interpretation),
                                Optional.of(ReplyPart.Page.of(page.number(), page.rowsBefore(), rowsShown)))),
                next);
    }
}
