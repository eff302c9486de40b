package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.text.Identifiers;
import dev.tabletalk.core.text.Plurals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The engine's wording, in one place. Never includes SQL, hidden names or secrets. */
final class Texts {

    private Texts() {}

    /** The honest answer when the database is reachable but refused; names the error id, never the database's text. */
    static Refusal databaseFault(DatabaseFault fault, String errorId) {
        return switch (fault) {
            case NOT_POPULATED ->
                Refusal.of(
                        RefusalCode.NOT_POPULATED,
                        "That view has no data yet: the database "
                                + "has not filled it, so nothing was read or changed. Trying again will not help until an "
                                + "administrator refreshes it; give them the error id " + errorId + ".");
            case PERMISSION_DENIED ->
                Refusal.of(
                        RefusalCode.PERMISSION_DENIED,
                        "The database does not allow "
                                + "TableTalk's account to do that here, so nothing was read or changed. Ask an administrator "
                                + "to grant the access, with the error id " + errorId + ".");
            case UNEXPECTED ->
                Refusal.of(
                        RefusalCode.DATABASE_ERROR,
                        "The database could not do that, so nothing "
                                + "was changed, and trying again will not help. Tell an administrator the error id "
                                + errorId
                                + "; the audit log has the details.");
        };
    }

    static String question(Entity entity, String field, String reference) {
        Column column = entity.column(field).orElseThrow();
        return "What should the " + Identifiers.label(field) + " of the new " + singular(reference) + " be?"
                + hint(column);
    }

    private static String hint(Column column) {
        if (column.isEnum()) {
            return " (one of " + String.join(", ", column.enumValues()) + ")";
        }
        return switch (column.type()) {
            case DATE -> " (a date like 2024-02-29)";
            case TIMESTAMP, TIMESTAMP_TZ -> " (a date and time like 2024-02-29T13:45:00)";
            case BOOLEAN -> " (yes or no)";
            case INTEGER -> " (a whole number)";
            case DECIMAL, FLOAT -> " (a number)";
            default -> "";
        };
    }

    static String confirmHint() {
        return "Say 'confirm' to apply it, 'change <field> to <value>' to adjust it, or 'cancel'.";
    }

    static String describeDraft(Draft draft) {
        String values = draft.values().isEmpty()
                ? "nothing yet"
                : draft.values().entrySet().stream()
                        .map(e -> e.getKey() + " = " + show(e.getValue()))
                        .collect(Collectors.joining(", "));
        return "Draft: "
                + (draft.intent() == Intent.CREATE
                        ? "new " + singular(draft.entity())
                        : "change " + draft.entity() + filterSummary(draft.filters()))
                + " with " + values + ".";
    }

    static String draftName(Draft draft) {
        return draft.intent() == Intent.CREATE ? "a new " + singular(draft.entity()) : "a change to " + draft.entity();
    }

    static String filterSummary(List<Condition> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        return " where " + filters.stream().map(Texts::showCondition).collect(Collectors.joining(" and "));
    }

    private static String showCondition(Condition condition) {
        if (condition instanceof AnyOf anyOf) {
            return "(" + anyOf.items().stream().map(Texts::showCondition).collect(Collectors.joining(" or ")) + ")";
        }
        if (condition instanceof Not not) {
            return "not (" + showCondition(not.item()) + ")";
        }
        if (condition instanceof Related related) {
            return related.field() + " in (" + related.entity() + filterSummary(related.filters()) + ")";
        }
        return showFilter((Filter) condition);
    }

    private static String showFilter(Filter filter) {
        if (filter.op().isNullCheck()) {
            return filter.field() + (filter.op().symbol().equals("is_null") ? " is empty" : " is not empty");
        }
        return filter.field() + " " + filter.op().symbol() + " " + show(filter.value());
    }

    static String describeRows(String entity, RowSet rows, Optional<Aggregate> aggregate) {
        if (rows.isEmpty()) {
            return "No " + entity + " matched.";
        }
        // an aggregate's rows are results or groups, never rows of the entity: "21 rows of customers" would
        // read as 21 customers
        String unit = aggregate.isEmpty() ? "row" : aggregate.get().groupBy().isEmpty() ? "result" : "group";
        String count = rows.size() == 1 ? "1 " + unit : rows.size() + " " + unit + "s";
        String text = count + (aggregate.isEmpty() ? " of " : " over ") + entity + ".";
        if (rows.hasMore()) {
            text += " There are more: showing the first " + rows.size() + ". Add a filter to narrow it down.";
        }
        return text;
    }

    /** Where a page of the last read stands, for its interpretation: "page 2, rows 101–200, more exist". */
    static String pageLine(int page, int rowsBefore, int rowsShown, boolean hasMore) {
        if (rowsShown == 0) {
            return "page " + page + ", no rows";
        }
        String line = "page " + page + ", " + rowRange(rowsBefore, rowsShown);
        return hasMore ? line + ", more exist" : line + " of " + (rowsBefore + rowsShown);
    }

    /** A page of the last read: where it stands, and whether more follow or that was the last page. */
    static String describePage(String entity, int page, int rowsBefore, int rowsShown, boolean hasMore) {
        if (rowsShown == 0) {
            return "No " + entity + " matched.";
        }
        String text = "Page " + page + " of " + entity + ": " + rowRange(rowsBefore, rowsShown) + ".";
        return hasMore
                ? text + " There are more: say 'show more' for the next page."
                : text + " " + lastPage(rowsBefore + rowsShown);
    }

    /** "That was the last page: 242 rows in all." */
    static String lastPage(int rowsInAll) {
        return "That was the last page: " + (rowsInAll == 1 ? "1 row" : rowsInAll + " rows") + " in all.";
    }

    /** A page by number beyond the last row. */
    static String pastTheEnd(String entity, int page) {
        return "Page " + page + " of " + entity + " has no rows: the list ends before it. Ask for a lower page, or"
                + " say 'first page' to start again.";
    }

    private static String rowRange(int rowsBefore, int rowsShown) {
        return rowsShown == 1
                ? "row " + (rowsBefore + 1)
                : "rows " + (rowsBefore + 1) + "\u2013" + (rowsBefore + rowsShown);
    }

    /** Rows left out to keep the reply within its size limit: said plainly, with what to do. */
    static String describeOmitted(String entity, int shown, int read, ReplyLimits limits) {
        String size = bytes(limits.maxReplyBytes());
        if (shown == 0) {
            return "The first row of " + entity + " is too large to show within the " + size
                    + " reply limit. Ask for fewer columns or a narrower filter.";
        }
        return "Showing " + shown + " of the " + read + " rows of " + entity + " read: the other " + (read - shown)
                + " would make this reply larger than " + size + ". Add a filter to see the rest.";
    }

    /** Values cut to the cell limit. */
    static String describeCutValues(int count, ReplyLimits limits) {
        return (count == 1 ? "1 value is" : count + " values are") + " longer than " + limits.maxCellChars()
                + " characters: each shows its start and is marked with its full length.";
    }

    private static String bytes(int bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    static String describePreview(Preview preview) {
        if (preview.intent() == Intent.CREATE) {
            Map<String, Object> row = preview.changes().isEmpty()
                    ? Map.of()
                    : preview.changes().get(0).after();
            return "Ready to add this " + singular(preview.entity()) + ": "
                    + row.entrySet().stream()
                            .map(e -> e.getKey() + " = " + show(e.getValue()))
                            .collect(Collectors.joining(", "))
                    + ".";
        }
        StringBuilder text = new StringBuilder("Ready to change "
                + (preview.rowCount() == 1 ? "1 row" : preview.rowCount() + " rows") + " of " + preview.entity() + ":");
        for (RowChange change : preview.changes()) {
            text.append(' ')
                    .append(change.key().map(Object::toString).orElse("?"))
                    .append(": ");
            text.append(preview.changedColumns().stream()
                    .map(c -> c + " " + show(change.before().get(c)) + " -> "
                            + show(change.after().get(c)))
                    .collect(Collectors.joining(", ")));
            text.append(';');
        }
        text.setLength(text.length() - (text.charAt(text.length() - 1) == ';' ? 1 : 0));
        return text + ".";
    }

    static String describeCommit(Plan plan, CommitOutcome.Committed committed) {
        if (plan.intent() == Intent.CREATE) {
            String key =
                    committed.keys().isEmpty() ? "" : " (" + committed.keys().get(0) + ")";
            return "Done: added 1 " + singular(plan.entity()) + key + ".";
        }
        return "Done: changed " + (committed.rowCount() == 1 ? "1 row" : committed.rowCount() + " rows") + " of "
                + plan.entity() + ".";
    }

    /** The reply when a commit's answer was lost: unknown outcome, what the check found, what to do. */
    static String describeUnknown(Plan plan, CommitOutcome.Unknown unknown) {
        String what = plan.intent() == Intent.CREATE
                ? "the new " + singular(plan.entity())
                : "the change to " + (unknown.rowCount() == 1 ? "1 row" : unknown.rowCount() + " rows") + " of "
                        + plan.entity();
        String found = switch (unknown.finding()) {
            case APPLIED -> "A check afterwards found it applied: the rows are as the change leaves them.";
            case NOT_APPLIED -> "A check afterwards found it not applied: the rows are as in the preview.";
            case CHANGED_OTHERWISE ->
                "A check afterwards found the rows neither as in the preview nor as the "
                        + "change leaves them: someone else may have changed them.";
            case NOT_CHECKED -> "It could not be checked afterwards.";
        };
        return "The connection to the database was lost while saving " + what + ", so it is not known whether it "
                + "was saved. " + found + " This preview cannot be confirmed again: look at the "
                + plan.entity() + " first, and ask again only if the change is missing.";
    }

    /**
     * A confirm of a preview the session's last confirm took: when it was confirmed, and what the database holds
     * now ({@code found}). A change not found is called unsaved only once {@code settled} (no write of that
     * confirm can still be under way); before that it may yet be saved.
     */
    static String describeConfirmedAgain(Plan plan, CommitOutcome.Unknown found, Duration since, boolean settled) {
        boolean create = plan.intent() == Intent.CREATE;
        String entity = plan.entity();
        boolean one = found.rowCount() == 1;
        String rows = (one ? "The row of " : "The " + found.rowCount() + " rows of ") + entity;
        String now = switch (found.finding()) {
            case APPLIED ->
                create
                        ? "The new " + singular(entity) + " is in " + entity + ": it was saved."
                        : rows + (one ? " holds" : " hold") + " the change: it was saved.";
            case NOT_APPLIED -> {
                String state = create
                        ? "There is no such " + singular(entity) + " in " + entity
                        : rows + (one ? " is" : " are") + " still as in the preview";
                yield settled
                        ? state + ": the change was not saved. Ask again for a new preview to make it."
                        : state + " right now, but that confirm may still be under way: say 'confirm' again in a "
                                + "minute to hear whether it was saved.";
            }
            case CHANGED_OTHERWISE ->
                "The rows are neither as in the preview nor as the change leaves them: someone else may have changed "
                        + "them since. Look at the " + entity + " before you ask again.";
            case NOT_CHECKED ->
                create && found.keys().isEmpty()
                        ? "Whether it was saved cannot be checked here, because the database makes the new row's "
                                + "key: look at the " + entity + " before you ask again."
                        : "Whether it was saved could not be checked just now: look at the " + entity
                                + " before you ask again.";
        };
        return "That preview was already confirmed " + ago(since) + ", so nothing more was done now. " + now;
    }

    private static String ago(Duration since) {
        long seconds = Math.max(0, since.toSeconds());
        if (seconds < 2) {
            return "a moment ago";
        }
        if (seconds < 120) {
            return seconds + " seconds ago";
        }
        long minutes = seconds / 60;
        return minutes < 120 ? minutes + " minutes ago" : minutes / 60 + " hours ago";
    }

    static String notUnderstood(ConversationState state) {
        if (state.draft().isPresent()) {
            return "I could not understand that. " + describeDraft(state.draft().get())
                    + " Say 'change <field> to <value>', 'show draft' or 'cancel'.";
        }
        return "I could not understand that. Try 'show customers', 'add a customer named Ada' or "
                + "'set the status of order 42 to shipped'.";
    }

    static String show(Object value) {
        if (value == null) {
            return "(empty)";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return Objects.toString(value);
    }

    /** The entity as a noun in the singular, for wording only ("public.customers" -> "customer"). */
    static String singular(String reference) {
        return Plurals.singular(reference.substring(reference.lastIndexOf('.') + 1));
    }
}
