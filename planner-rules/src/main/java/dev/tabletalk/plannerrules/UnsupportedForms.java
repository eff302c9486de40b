package dev.tabletalk.plannerrules;

import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Requests that plans cannot say, or that the rules planner could not place (invariant 11): counting and
 * aggregates {@link AggregateReader} did not read ("how many" of no entity, "sum of title", a third group),
 * grouping without an aggregate ("per country"), paging ("show more", "next page", "page 3"), "neither ... nor"
 * and distinct values.
 * A plan for such a request would answer something other than what was asked (a list for "how many"), so it is
 * refused, naming the words that asked for it. Words already used by a reader are skipped; a word that is part
 * of a field's name where it stands ({@code quantity per unit}), or a capitalised word inside the message (a name
 * such as "Max"), does not count.
 */
final class UnsupportedForms {

    private static final Set<String> AGGREGATES =
            Set.of("average", "averages", "avg", "mean", "sum", "sums", "total", "totals", "maximum", "max", "minimum");
    private static final Set<String> GROUPING = Set.of("per", "grouped", "group", "groups", "grouping", "breakdown");
    private static final Set<String> PAGING = Set.of("next", "previous", "page", "pages", "skip", "skipping", "offset");
    private static final Set<String> DISTINCT = Set.of("distinct");

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final ColumnMatcher columns;

    UnsupportedForms(TokenCursor tokens, SchemaIndex index, ColumnMatcher columns) {
        this.tokens = tokens;
        this.index = index;
        this.columns = columns;
    }

    /** The first form of the message that plans cannot say, as a refusal naming it. */
    Optional<Refusal> find(Optional<EntityInfo> target) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isWord()
                    || tokens.used(i)
                    || i > 0 && Character.isUpperCase(t.text().codePointAt(0))) {
                continue;
            }
            Optional<Refusal> form = formAt(i);
            // the field check is the costly part: only for words that ask for such a form
            if (form.isPresent() && !partOfName(target, i)) {
                return form;
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> formAt(int i) {
        String w = tokens.get(i).word();
        if (w.equals("how") && (tokens.peekIs(i + 1, "many") || tokens.peekIs(i + 1, "much"))) {
            return Optional.of(tokens.peekIs(i + 1, "many") ? counting(i, i + 2) : aggregate(i, i + 2));
        }
        if (w.equals("count") || w.equals("counts") || w.equals("counting")) {
            return Optional.of(counting(i, i + 1));
        }
        if ((w.equals("number") || w.equals("numbers")) && tokens.peekIs(i + 1, "of")) {
            int from = i > 0 && tokens.peekIs(i - 1, "total") ? i - 1 : i;
            return Optional.of(counting(from, i + 2));
        }
        if (AGGREGATES.contains(w) && !(w.equals("total") && tokens.peekIs(i + 1, "number"))) {
            return Optional.of(aggregate(i, i + 1));
        }
        if (GROUPING.contains(w) || w.equals("each") && (tokens.peekIs(i - 1, "for") || tokens.peekIs(i - 1, "by"))) {
            int from = w.equals("each") ? i - 1 : i;
            return Optional.of(refusal(
                    from,
                    i + 1,
                    "I can give a count, total, average, minimum or maximum per group of up to two fields, but I cannot group rows this way",
                    "Ask for a count per group (\"count customers per country\"), or for the rows of one group at a "
                            + "time (\"customers whose city is Berlin\")."));
        }
        if (PAGING.contains(w) || w.equals("more") && !tokens.peekIs(i + 1, "than") && !tokens.peekIs(i + 2, "than")) {
            return Optional.of(refusal(
                    i,
                    i + 1,
                    "I cannot page through results yet",
                    "Ask again with conditions that narrow the rows down, or a sort order and a number "
                            + "(\"the 10 newest orders\")."));
        }
        if (w.equals("neither") || w.equals("nor")) {
            // "country is neither Germany nor France" must not become a value of that text
            return Optional.of(refusal(
                    i,
                    i + 1,
                    "I cannot read \"neither ... nor\" yet",
                    "Say it with \"not\" (\"customers whose country is not Germany or France\")."));
        }
        if (DISTINCT.contains(w)) {
            return Optional.of(refusal(
                    i,
                    i + 1,
                    "I cannot list distinct values yet",
                    "Ask for the rows themselves, sorted by that field (\"customers sorted by city\")."));
        }
        return Optional.empty();
    }

    /** Whether the word at {@code i} is part of a field of the target named there (or any name, without one). */
    private boolean partOfName(Optional<EntityInfo> target, int i) {
        if (target.isEmpty()) {
            return index.isNameWord(tokens.get(i).word());
        }
        for (int start = Math.max(0, i - 3); start <= i; start++) {
            Optional<ColumnMatch> column = columns.columnAt(target.get(), start, Use.ANY);
            if (column.isPresent() && column.get().end() > i) {
                return true;
            }
        }
        return false;
    }

    private Refusal counting(int from, int to) {
        return refusal(
                from,
                to,
                "I could not tell what to count, and a list is not a count",
                "Say it as \"how many customers are there\", or see the rows themselves without \""
                        + tokens.text(from, to) + "\".");
    }

    private Refusal aggregate(int from, int to) {
        return refusal(
                from,
                to,
                "I could not tell which number field of which entity to take totals, averages, minimums or maximums of",
                "Name a number field of the entity (\"average unit price of products\"), or ask for the rows, "
                        + "sorted and limited if you like (\"the 5 most expensive products\").");
    }

    private Refusal refusal(int from, int to, String cannot, String instead) {
        return Refusal.of(
                RefusalCode.NOT_UNDERSTOOD,
                cannot + " (\"" + tokens.text(from, to) + "\"), and I never answer something other than what was "
                        + "asked: nothing was read or changed. " + instead);
    }
}
