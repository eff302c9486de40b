package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.Optional;

/**
 * Pages through the session's last read (#13). "show more" / "next page" continues right after the last row shown:
 * by keyset (the sort columns and the primary key of that row) for rows of an entity with a primary key, else by
 * offset (aggregates, entities without a primary key). "page 3", "first page" and "previous page" jump by offset,
 * in pages of the row cap the first read used, at most {@value PlanValidator#MAX_PAGES} pages deep. Each page is
 * a read like any other ({@link ReadStep}): validated again, tenant and soft-delete scope kept, audited as a read.
 * Without an earlier read, or after the last page, the reply says so: the first page is never shown again silently.
 */
final class PagingStep {

    static final String NOTHING_TO_CONTINUE =
            "Nothing to continue: ask for some rows first, for example 'show customers', then say 'show more'.";

    static final String FIRST_PAGE_ALREADY = "This is the first page already; say 'show more' for the next one.";

    private final ReadStep reads;

    PagingStep(ReadStep reads) {
        this.reads = reads;
    }

    /** The step a paging command takes. */
    Step handle(TurnContext ctx, ConversationState state, UniversalCommand command) {
        Turn turn = ctx.turn();
        Optional<LastRead> kept = state.lastRead();
        if (kept.isEmpty()) {
            turn.action(AuditEvent.Action.READ);
            return Step.refuse(turn, state, Refusal.of(RefusalCode.NOTHING_TO_CONTINUE, NOTHING_TO_CONTINUE));
        }
        LastRead last = kept.get();
        turn.target(last.plan().intent(), last.plan().entity());
        if (command instanceof UniversalCommand.More) {
            return more(ctx, state, last);
        }
        if (command instanceof UniversalCommand.PreviousPage) {
            if (last.page() <= 1) {
                turn.action(AuditEvent.Action.READ);
                return Step.refuse(turn, state, Refusal.of(RefusalCode.OUT_OF_RANGE, FIRST_PAGE_ALREADY));
            }
            return jump(ctx, state, last, last.page() - 1);
        }
        if (command instanceof UniversalCommand.GoToPage page) {
            return jump(ctx, state, last, page.page());
        }
        throw new IllegalStateException(
                "not a paging command: " + command.getClass().getName());
    }

    private Step more(TurnContext ctx, ConversationState state, LastRead last) {
        Turn turn = ctx.turn();
        if (!last.hasMore()) {
            turn.action(AuditEvent.Action.READ);
            // never the first page again: the person is told the list ended, and how long it was
            String text = Texts.lastPage(last.rowsBefore() + last.rowsShown())
                    + " Say 'first page' to see it again, or ask something new.";
            return Step.unchanged(Replies.reply(state, text));
        }
        int rowsBefore = last.rowsBefore() + last.rowsShown();
        ReadPlan next = last.position().isPresent()
                ? last.plan().withAfter(last.position())
                : last.plan().withOffset(rowsBefore);
        return reads.page(ctx, state, next, new ReadStep.Page(last.page() + 1, rowsBefore, true));
    }

    private Step jump(TurnContext ctx, ConversationState state, LastRead last, long page) {
        Turn turn = ctx.turn();
        int pageRows = reads.pageRows(last.plan());
        if (page < 1) {
            turn.action(AuditEvent.Action.READ);
            return Step.refuse(turn, state, Refusal.of(RefusalCode.OUT_OF_RANGE, "Pages count from 1."));
        }
        if (page > PlanValidator.MAX_PAGES) {
            turn.action(AuditEvent.Action.READ);
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(
                            RefusalCode.OUT_OF_RANGE,
                            "Page " + page + " is too far: paging by number goes at most " + PlanValidator.MAX_PAGES
                                    + " pages of " + pageRows + " rows deep. Add a condition or sort the other way"
                                    + " to reach those rows, or say 'show more' to go on from the page shown."));
        }
        int rowsBefore = Math.toIntExact((page - 1) * pageRows);
        return reads.page(
                ctx,
                state,
                last.plan().withOffset(rowsBefore),
                new ReadStep.Page(Math.toIntExact(page), rowsBefore, true));
    }
}
