package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.FILLER;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import java.util.List;
import java.util.Optional;

/** Ordering and limits: "sorted by", "first 5", "latest 3", "cheapest". */
final class OrderReader {

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final ColumnMatcher columns;

    OrderReader(TokenCursor tokens, PlanParts plan, ColumnMatcher columns) {
        this.tokens = tokens;
        this.plan = plan;
        this.columns = columns;
    }

    int sortBy(int i, boolean defaultDescending) {
        Optional<ColumnMatch> column = columns.columnAt(plan.target, i, Use.ANY);
        if (column.isEmpty()) {
            return i;
        }
        int k = column.get().end();
        boolean descending = defaultDescending;
        if (tokens.peekIs(k, "desc")
                || tokens.peekIs(k, "descending")
                || tokens.peekIs(k, "highest")
                || tokens.peekIs(k, "largest")
                || tokens.peekIs(k, "newest")
                || tokens.peekIs(k, "latest")) {
            descending = true;
            k++;
        } else if (tokens.peekIs(k, "asc")
                || tokens.peekIs(k, "ascending")
                || tokens.peekIs(k, "lowest")
                || tokens.peekIs(k, "smallest")
                || tokens.peekIs(k, "oldest")
                || tokens.peekIs(k, "earliest")) {
            descending = false;
            k++;
        }
        if (tokens.peekIs(k, "first")) {
            k++;
        }
        plan.orderBy.add(new Sort(column.get().column().name(), descending));
        return k;
    }

    int limitWords(int i) {
        int sortsBefore = plan.orderBy.size();
        Integer limitBefore = plan.limit;
        Token t = tokens.get(i);
        String w = t.word();
        int k = i;
        Boolean descendingDate = null;
        Boolean descendingAmount = null;
        if (w.equals("most") && tokens.peekIs(i + 1, "recent")
                || w.equals("most") && tokens.peekIs(i + 1, "recently")) {
            descendingDate = true;
            k = i + 2;
        } else if (w.equals("most") && tokens.peekIs(i + 1, "expensive")) {
            descendingAmount = true;
            k = i + 2;
        } else if (w.equals("latest") || w.equals("newest") || w.equals("recent") || w.equals("last")) {
            descendingDate = true;
            k = i + 1;
        } else if (w.equals("oldest") || w.equals("earliest")) {
            descendingDate = false;
            k = i + 1;
        } else if (w.equals("cheapest") || w.equals("lowest")) {
            descendingAmount = false;
            k = i + 1;
        } else if (w.equals("highest")) {
            descendingAmount = true;
            k = i + 1;
        } else if (w.equals("biggest") || w.equals("largest") || w.equals("smallest")) {
            // "the biggest order": by what is not said (freight? lines? total?), so no column is guessed
            return i;
        } else if (w.equals("longest") || w.equals("shortest")) {
            Optional<ColumnView> length = SchemaIndex.lengthColumn(plan.target);
            length.ifPresent(c -> plan.orderBy.add(new Sort(c.name(), w.equals("longest"))));
            k = i + 1;
        } else if (w.equals("top")) {
            plan.topSeen = true;
            k = i + 1;
        } else if (w.equals("first") || w.equals("limit") || w.equals("only")) {
            k = i + 1;
        } else {
            return i + 1;
        }
        String said = tokens.text(i, k);
        // "first 5", "top 10", "latest 3", "the 10 newest": a number just before or after
        Optional<Token> after = tokens.peek(k);
        boolean numbered = true;
        if (after.isPresent() && after.get().isInteger()) {
            setLimit(k);
            k++;
        } else if (i > 0 && tokens.peek(i - 1).map(Token::isInteger).orElse(false) && plan.limit == null) {
            setLimit(i - 1);
        } else if (w.equals("first") || w.equals("only") || w.equals("top") || w.equals("limit")) {
            return i + 1;
        } else {
            numbered = false;
        }
        boolean asked = false;
        if (descendingDate != null) {
            asked = sortBy(SortColumns.dates(plan.target), descendingDate, said);
        }
        if (descendingAmount != null) {
            asked = sortBy(SortColumns.amounts(plan.target), descendingAmount, said);
        }
        boolean sorted = plan.orderBy.size() > sortsBefore || asked;
        boolean sorting =
                descendingDate != null || descendingAmount != null || w.equals("longest") || w.equals("shortest");
        if (sorting && !sorted) {
            // "the 3 most expensive films" with two money fields: no column, so no limit either; the words stay
            plan.limit = limitBefore;
            return i;
        }
        if (!numbered && sorted && plan.limit == null && singularTargetAt(k)) {
            // "the cheapest product", "the longest film": one row
            plan.limit = 1;
        }
        return k;
    }

    /**
     * Sorts by the one candidate column, or, when there are several, leaves the choice to a question (#13):
     * true when a question is to be asked. A second such choice in one message is not asked: its words stay
     * unplaced and the request is refused.
     */
    private boolean sortBy(List<ColumnView> candidates, boolean descending, String words) {
        if (candidates.size() == 1) {
            plan.orderBy.add(new Sort(candidates.get(0).name(), descending));
            return false;
        }
        if (candidates.size() > 1 && plan.ambiguity == null) {
            plan.ambiguity = Ambiguity.sort(words, candidates, descending, plan.orderBy.size());
            return true;
        }
        return false;
    }

    /** Whether the target is named right after {@code k}, in the singular ("product", not "products"). */
    private boolean singularTargetAt(int k) {
        Mention target = plan.targetMention;
        if (target == null || target.start() < k || target.end() != target.start() + 1) {
            return false;
        }
        for (int j = k; j < target.start(); j++) {
            if (!tokens.get(j).isWord() || !FILLER.contains(tokens.get(j).word())) {
                return false;
            }
        }
        String word = tokens.get(target.start()).word();
        return Words.singular(word).equals(word) && !word.endsWith("s");
    }

    private void setLimit(int at) {
        Object n = tokens.get(at).number();
        if (n instanceof Long l && l > 0) {
            plan.limit = (int) Math.min(Integer.MAX_VALUE, l);
            tokens.place(at, at + 1);
        }
    }
}
