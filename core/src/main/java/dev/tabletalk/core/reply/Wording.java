package dev.tabletalk.core.reply;

import dev.tabletalk.core.plan.Intent;
import java.util.List;

/**
 * The sentences of refusals that more than one part of TableTalk gives (the engine, the plan
 * validator and the executors), written once so every part words the same refusal the same way.
 * Each method names the {@link RefusalCode} its sentence goes with; the callers keep the code.
 *
 * <p>Messages never contain SQL, driver text or hidden names. Stateless and thread-safe.
 */
public final class Wording {

    private static final String ASK_FOR_THE_LIST = "Ask 'what can I see?' for the list.";

    /** {@link RefusalCode#READ_ONLY_MODE}: every write while read-only mode is on. */
    public static final String READ_ONLY_MODE =
            "TableTalk is in read-only mode right now: nothing can be created or changed. Reads still work.";

    /** {@link RefusalCode#NOT_UNDERSTOOD}: a request that names no table TableTalk can find. */
    public static final String WHICH_TABLE = "Which table do you mean? " + ASK_FOR_THE_LIST;

    /** {@link RefusalCode#CONFIRM_NEEDS_PERSON}: a confirm on a model's turn (invariant 12). */
    public static final String CONFIRM_NEEDS_PERSON = "Only the person can confirm a change, and not through this"
            + " tool: the assistant's client must ask them. Nothing was changed; the preview is still waiting.";

    /** {@link RefusalCode#NO_PENDING_PREVIEW}: a confirm while no preview is waiting. */
    public static final String NO_PREVIEW_WAITING = "There is nothing to confirm: no preview is waiting.";

    /** {@link RefusalCode#PREVIEW_NOT_FOUND}: a confirm whose preview id is not waiting here. */
    public static final String NO_PREVIEW_WITH_THAT_ID =
            "There is nothing to confirm: no preview is waiting with that id in this conversation.";

    private Wording() {}

    /** {@link RefusalCode#UNKNOWN_ENTITY}: nothing is called {@code quotedName} (already quoted). */
    public static String unknownEntity(String quotedName) {
        return "There is nothing called " + quotedName + " here. " + ASK_FOR_THE_LIST;
    }

    /** {@link RefusalCode#UPDATE_REQUIRES_FILTER}: an update of {@code reference} with no condition. */
    public static String updateNeedsFilter(String reference) {
        return "Say which " + reference + " to change, e.g. 'where id is 42'. Changing every row is not allowed.";
    }

    /** {@link RefusalCode#ENTITY_READ_ONLY}: a write ({@code intent}) to a read-only {@code reference}. */
    public static String entityReadOnly(String reference, Intent intent) {
        return reference + " can be read but not " + writeVerb(intent) + " here.";
    }

    /** {@link RefusalCode#ENTITY_READ_ONLY}: a tenant's write ({@code intent}) to {@code reference}, shared by all. */
    public static String sharedReadOnly(String reference, Intent intent) {
        return reference + " is shared by every tenant, so it can be read but not " + writeVerb(intent) + " here.";
    }

    /** {@link RefusalCode#TENANT_REQUIRED}: {@code subject} is tenant-owned and the caller has no tenant. */
    public static String tenantRequired(String subject) {
        return subject + " belongs to a tenant, and your identity has none: ask an administrator to give you one.";
    }

    /** {@link RefusalCode#TOO_MANY_FILTERS}: {@code count} conditions where at most {@code max} are allowed. */
    public static String tooManyConditions(int count, int max) {
        return "That is " + count + " conditions; at most " + max + " are allowed. Narrow it down in fewer steps.";
    }

    /** {@link RefusalCode#TOO_MANY_FILTERS}: conditions nested deeper than {@code max} levels. */
    public static String conditionsTooDeep(int max) {
        return "Those conditions nest more than " + max + " levels of 'any of' and 'not'."
                + " Say it more simply, e.g. as separate conditions that must all hold.";
    }

    /** {@link RefusalCode#TYPE_MISMATCH}: an 'any of' with no alternatives, which would match nothing. */
    public static final String EMPTY_ANY_OF =
            "'Any of' needs at least one condition, e.g. 'country is Germany or country is France'.";

    /**
     * {@link RefusalCode#TOO_MANY_FILTERS}: conditions with links to other entities nested deeper than {@code max}
     * levels.
     */
    public static String relatedTooDeep(int max) {
        return "Those conditions nest more than " + max + " levels of links to other tables, 'any of' and 'not'"
                + " (e.g. tracks of albums of an artist is already " + max + ")."
                + " Ask in two steps: first find the rows you mean, then ask by their id.";
    }

    /** {@link RefusalCode#TYPE_MISMATCH}: a link to {@code reference} with no condition on it. */
    public static String relatedNeedsFilter(String reference) {
        return "Say which " + reference + " you mean, e.g. 'whose name is ...'.";
    }

    /**
     * {@link RefusalCode#FIELD_NOT_FILTERABLE}: {@code field} of {@code reference} does not link to {@code target};
     * {@code links} lists the links it has ({@code field -> entity}, exposed ones only), maybe none.
     */
    public static String notALink(String reference, String field, String target, List<String> links) {
        String known = links.isEmpty()
                ? reference + " has no links to other tables you can see; search by its own fields instead."
                : reference + " links to " + String.join(", ", links) + ".";
        return field + " of " + reference + " does not point at " + target + ". " + known;
    }

    /** {@link RefusalCode#OUT_OF_RANGE}: a negative offset. */
    public static final String NEGATIVE_OFFSET = "A page starts at row 1 or later; ask for the first page instead.";

    /** {@link RefusalCode#OUT_OF_RANGE}: a keyset position on an aggregate or beside an offset. */
    public static final String KEYSET_ONLY_FOR_ROWS =
            "Continuing after the last row shown works for lists of rows only; ask for a page by number instead.";

    /** {@link RefusalCode#OUT_OF_RANGE}: a keyset position that does not match the read's order. */
    public static final String KEYSET_OUT_OF_STEP =
            "That position does not belong to this list any more; ask for the first page again.";

    /** {@link RefusalCode#OUT_OF_RANGE}: "show more" of an entity without a primary key. */
    public static String noKeyToContinue(String entity) {
        return entity + " has no primary key, so there is no exact place to continue from; ask for a page by number"
                + " instead, for example 'page 2'.";
    }

    /** {@link RefusalCode#OUT_OF_RANGE}: an offset beyond the last of {@code pages} pages of {@code rowsPerPage} rows. */
    public static String offsetTooFar(int pages, int rowsPerPage) {
        return "Paging goes at most " + pages + " pages of " + rowsPerPage
                + " rows deep. Add a condition or sort the other way to reach those rows.";
    }

    /** {@link RefusalCode#OUT_OF_RANGE}: an aggregate grouped by more than {@code max} columns. */
    public static String tooManyGroups(int max) {
        return "Group by at most " + max + " columns at once, e.g. 'number of customers per country and city'.";
    }

    /** {@link RefusalCode#TYPE_MISMATCH}: a sum, average, lowest or highest value without a field. */
    public static String aggregateNeedsField(String fn) {
        return "Say which field to take the " + fn + " of, e.g. '" + fn + " of total'.";
    }

    /** {@link RefusalCode#OP_NOT_ALLOWED}: {@code fn} of a field whose type it does not work on. */
    public static String aggregateNotOn(String fn, String field, String needs) {
        return "The " + fn + " of " + field + " cannot be taken: it needs " + needs + ". Try counting instead.";
    }

    /** {@link RefusalCode#TYPE_MISMATCH}: columns to show asked for together with an aggregate. */
    public static final String AGGREGATE_SHOWS_ITS_GROUPS =
            "An aggregate shows its groups and its value only; ask for the columns to show in a separate question.";

    /** {@link RefusalCode#FIELD_NOT_FILTERABLE}: an aggregate ordered by something it does not show. */
    public static String aggregateOrder(String field, List<String> keys) {
        return "The result can only be sorted by " + String.join(" or ", keys) + ", not by " + field + ".";
    }

    /** {@link RefusalCode#FIELD_NOT_FILTERABLE}: deleted rows asked for where rows are never soft-deleted. */
    public static String noSoftDelete(String reference) {
        return reference + " rows are never marked deleted here (it has no deleted_at or is_deleted column),"
                + " so there are no deleted ones to show.";
    }

    /** {@link RefusalCode#FIELD_NOT_WRITABLE}: a delete or restore asked for together with other changes. */
    public static String softDeleteAlone(String reference, String marker) {
        return "Deleting or restoring " + reference + " rows changes " + marker
                + " and nothing else: ask for the other changes separately.";
    }

    /**
     * A create of an entity whose required field the role may not set (invariant 6: the field is not named, as an
     * ungranted column answers like one that does not exist).
     */
    public static String requiredFieldNotGranted(String role, String reference) {
        return "Your role (" + role + ") may not add to " + reference
                + ": every new row needs a value your role may not set. Ask an administrator if you need to.";
    }

    /** A create or update whose resulting row falls outside the role's row rules (their values are not said). */
    public static String outsideRowRules(String role, String reference, Intent intent) {
        return intent == Intent.CREATE
                ? "That new " + reference + " row would fall outside the rows your role (" + role
                        + ") may change, so it was not added. Change its values, or ask an administrator."
                : "That change would move " + reference + " rows outside the rows your role (" + role
                        + ") may change, so nothing was changed. Change other values, or ask an administrator.";
    }

    /** A row rule of the caller's role needs a claim the caller's identity does not carry. */
    public static String claimMissing(String reference) {
        return "Your identity lacks something your role needs to reach " + reference
                + " (a claim the administrator's row rules use), so nothing was read or changed."
                + " Ask an administrator to check your identity.";
    }

    private static String writeVerb(Intent intent) {
        return intent == Intent.CREATE ? "added to" : "changed";
    }
}
