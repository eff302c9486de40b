package dev.tabletalk.plannerrules;

import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a read shows (issue 13): "the email of customer 5", "show name and price of products", "show
 * titles of films". Only the plain form is read: fields of the target joined by "and" or commas, right before
 * "of" (or "for") and the target. Their words are marked used; the plan then selects those columns.
 */
final class SelectReader {

    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "all", "me", "us", "please", "their", "its");

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final ColumnMatcher columns;

    SelectReader(TokenCursor tokens, PlanParts plan, ColumnMatcher columns) {
        this.tokens = tokens;
        this.plan = plan;
        this.columns = columns;
    }

    /** Reads the columns named before "of {@code target}", if the message starts with such a list. */
    void read(Mention target) {
        int p = skipFillers(plan.verbAt + 1);
        List<String> names = new ArrayList<>();
        while (p < target.start()) {
            Optional<ColumnMatch> column = columns.columnAt(target.entity(), p, Use.ANY);
            if (column.isEmpty() || names.contains(column.get().column().name())) {
                return;
            }
            names.add(column.get().column().name());
            p = skipFillers(column.get().end());
            if (tokens.peekIs(p, "and") || tokens.peekIs(p, ",")) {
                p = skipFillers(p + 1);
                continue;
            }
            break;
        }
        if (names.isEmpty() || !(tokens.peekIs(p, "of") || tokens.peekIs(p, "for"))) {
            return;
        }
        int of = p;
        if (skipFillers(of + 1) != target.start()) {
            return;
        }
        for (int k = Math.max(0, plan.verbAt + 1); k <= of; k++) {
            tokens.use(k);
        }
        plan.select.addAll(names);
    }

    private int skipFillers(int from) {
        int k = Math.max(0, from);
        while (k < tokens.size()
                && !tokens.used(k)
                && tokens.get(k).isWord()
                && ARTICLES.contains(tokens.get(k).word())) {
            k++;
        }
        return k;
    }
}
