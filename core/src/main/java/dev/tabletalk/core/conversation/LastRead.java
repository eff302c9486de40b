package dev.tabletalk.core.conversation;

import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * The last read of a session, kept so that "show more", "next page" and "page 3" can continue it (#13). It holds
 * the validated plan as first asked (from its first row: no offset, no keyset position), which page was shown and
 * where it ended. It lives in the {@link ConversationState} and so expires with the session; a new read replaces
 * it, and cancel, start over and a confirmed write drop it. Every page is validated and run again like any read:
 * what is kept here is never trusted more than a planner's plan.
 *
 * @param plan the validated read, from its first row ({@code offset} 0, no {@code after})
 * @param page the page shown, from 1
 * @param rowsBefore how many rows came before the page shown (its first row is row {@code rowsBefore + 1})
 * @param rowsShown how many rows the page showed
 * @param position the keyset of the last row shown, when the read can continue by keyset (rows of an entity with
 *     a primary key); empty when it continues by offset (aggregates, entities without a primary key)
 * @param hasMore whether more rows matched after the page shown
 */
public record LastRead(
        ReadPlan plan, int page, int rowsBefore, int rowsShown, Optional<Keyset> position, boolean hasMore) {

    public LastRead {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(position, "position");
        if (plan.offset() != 0 || plan.after().isPresent()) {
            throw new IllegalArgumentException("the last read is kept from its first row: no offset, no position");
        }
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1, not " + page);
        }
        if (rowsBefore < 0 || rowsShown < 0) {
            throw new IllegalArgumentException("row counts cannot be negative");
        }
    }

    /** The row after the last one shown, counted from 1. */
    public int nextRow() {
        return rowsBefore + rowsShown + 1;
    }
}
