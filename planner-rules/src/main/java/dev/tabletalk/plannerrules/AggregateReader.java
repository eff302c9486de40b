package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.COMPARING;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Aggregate.Fn;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Counting and aggregates of a read (issue 13): "how many customers (are there)", "count customers per country",
 * "number of customers by country", "total freight per ship country", "average price of products", "max
 * replacement cost of films", "top 5 countries by number of customers" (grouped, ordered by the count, limited).
 * Only forms it can place completely are read: the words of the function, its field and its groups are marked
 * used; anything else (a function of no field of the target, a group that is no field, a third group) is left
 * for {@link UnsupportedForms} to refuse. Sums and averages take numeric fields only; minimums and maximums
 * take numbers and dates.
 */
final class AggregateReader {

    private static final Map<String, Fn> FUNCTIONS = Map.ofEntries(
            Map.entry("total", Fn.SUM),
            Map.entry("sum", Fn.SUM),
            Map.entry("average", Fn.AVG),
            Map.entry("avg", Fn.AVG),
            Map.entry("mean", Fn.AVG),
            Map.entry("maximum", Fn.MAX),
            Map.entry("max", Fn.MAX),
            Map.entry("minimum", Fn.MIN),
            Map.entry("min", Fn.MIN));

    private static final Set<String> SORTING = Set.of("sorted", "ordered", "order", "sort", "sorting", "ordering");

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final ColumnMatcher columns;

    AggregateReader(TokenCursor tokens, PlanParts plan, ColumnMatcher columns) {
        this.tokens = tokens;
        this.plan = plan;
        this.columns = columns;
    }

    /** Reads the aggregate of a read of {@code target}, if the message asks for one it can place. */
    void read(EntityInfo target) {
        for (int i = 0; i < tokens.size() && plan.aggregate == null; i++) {
            if (!tokens.used(i) && tokens.get(i).isWord()) {
                function(target, i);
            }
        }
        if (plan.aggregate == null) {
            return;
        }
        List<String> groups = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.used(i) && tokens.get(i).isWord()) {
                group(target, i, groups, spans);
            }
        }
        if (groups.size() > Aggregate.MAX_GROUP_BY || !plan.aggregate.groupBy().isEmpty() && !groups.isEmpty()) {
            // a third group is not dropped: its words stay for the refusal
            return;
        }
        spans.forEach(span -> use(span[0], span[1]));
        if (!groups.isEmpty()) {
            plan.aggregate = new Aggregate(plan.aggregate.fn(), plan.aggregate.field(), groups);
        }
    }

    private void function(EntityInfo target, int i) {
        String w = tokens.get(i).word();
        if (w.equals("top") && topByCount(target, i)) {
            return;
        }
        if (w.equals("how") && tokens.peekIs(i + 1, "many")) {
            count(i, i + 2);
        } else if ((w.equals("count") || w.equals("counts")) && !partOfField(target, i)) {
            count(i, tokens.peekIs(i + 1, "of") ? i + 2 : i + 1);
        } else if (w.equals("number") && tokens.peekIs(i + 1, "of") && !partOfField(target, i)) {
            count(i > 0 && tokens.peekIs(i - 1, "total") ? i - 1 : i, i + 2);
        } else if (FUNCTIONS.containsKey(w) && !partOfField(target, i)) {
            int k = i + 1;
            while (tokens.peekIs(k, "of") || tokens.peekIs(k, "the")) {
                k++;
            }
            Optional<ColumnMatch> field = columns.columnAt(target, k, Use.ANY);
            Fn fn = FUNCTIONS.get(w);
            if (field.isPresent() && takes(fn, field.get().column())) {
                use(i, field.get().end());
                plan.aggregate = Aggregate.of(fn, field.get().column().name());
            }
        }
    }

    /**
     * The entity of "sum of freight per ship country", which names no entity: the only one of {@code entities}
     * with a numeric field named right after the function's words. None when no entity or several have it.
     */
    Optional<EntityInfo> entityOfField(List<EntityInfo> entities) {
        for (int i = 0; i < tokens.size(); i++) {
            Fn fn = tokens.get(i).isWord() ? FUNCTIONS.get(tokens.get(i).word()) : null;
            if (fn == null) {
                continue;
            }
            int k = i + 1;
            while (tokens.peekIs(k, "of") || tokens.peekIs(k, "the")) {
                k++;
            }
            EntityInfo found = null;
            for (EntityInfo entity : entities) {
                Optional<ColumnMatch> field = columns.columnAt(entity, k, Use.ANY);
                if (field.isPresent() && takes(fn, field.get().column())) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = entity;
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    /**
     * The entity counted in "top 5 customers by number of rentals": the one named right after "number of" (or
     * "count of"), which is what the rows are, whatever is named before it.
     */
    Optional<Mention> counted(List<Mention> mentions) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if ((tokens.get(i).is("number") || tokens.get(i).is("count")) && tokens.peekIs(i + 1, "of")) {
                int k = i + 2;
                while (tokens.peekIs(k, "the")) {
                    k++;
                }
                int at = k;
                return mentions.stream().filter(m -> m.start() == at).findFirst();
            }
        }
        return Optional.empty();
    }

    /** "top 5 countries by number of customers": count per country, the largest counts first. */
    private boolean topByCount(EntityInfo target, int i) {
        Token n = tokens.peek(i + 1).orElse(null);
        if (n == null || n.kind() != Token.Kind.NUMBER || !n.isInteger()) {
            return false;
        }
        Optional<ColumnMatch> group = columns.columnAt(target, i + 2, Use.ANY);
        if (group.isEmpty()) {
            return false;
        }
        int k = group.get().end();
        if (!tokens.peekIs(k, "by") || !tokens.peekIs(k + 1, "number") || !tokens.peekIs(k + 2, "of")) {
            return false;
        }
        use(i, k + 3);
        plan.aggregate = Aggregate.count(group.get().column().name());
        plan.orderBy.add(new Sort(
                plan.aggregate.outputKey(
                        target.columns().stream().map(ColumnView::name).toList()),
                true));
        plan.limit = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (Long) n.number()));
        return true;
    }

    private void group(EntityInfo target, int i, List<String> groups, List<int[]> spans) {
        String w = tokens.get(i).word();
        int k;
        if (w.equals("per") || w.equals("each")) {
            k = i + 1;
        } else if (w.equals("by") && i > 0 && SORTING.contains(tokens.get(i - 1).word())) {
            // "sorted by freight" is an ordering, not a group
            return;
        } else if (w.equals("by") || w.equals("for") && tokens.peekIs(i + 1, "each")) {
            k = w.equals("for") ? i + 2 : i + 1;
        } else if (w.equals("grouped") && tokens.peekIs(i + 1, "by")) {
            k = i + 2;
        } else {
            return;
        }
        while (tokens.peekIs(k, "each") || tokens.peekIs(k, "the")) {
            k++;
        }
        Optional<ColumnMatch> field = columns.columnAt(target, k, Use.ANY);
        // "by employee 4" names one row, not a group: left for the conditions
        boolean valueNext = tokens.peek(field.map(ColumnMatch::end).orElse(k))
                .map(Token::isValue)
                .orElse(false);
        if (field.isPresent()
                && !valueNext
                && !groups.contains(field.get().column().name())) {
            spans.add(new int[] {i, field.get().end()});
            groups.add(field.get().column().name());
            secondGroup(target, field.get().end(), groups, spans);
        }
    }

    /** "per rating and language": a second group joined by "and", when no value follows it. */
    private void secondGroup(EntityInfo target, int and, List<String> groups, List<int[]> spans) {
        if (!tokens.peekIs(and, "and")) {
            return;
        }
        Optional<ColumnMatch> field = columns.columnAt(target, and + 1, Use.ANY);
        if (field.isEmpty() || groups.contains(field.get().column().name())) {
            return;
        }
        boolean valueNext = tokens.peek(field.get().end()).map(Token::isValue).orElse(false)
                || tokens.peek(field.get().end())
                        .map(t -> t.isWord() && COMPARING.contains(t.word()))
                        .orElse(false);
        if (!valueNext) {
            spans.add(new int[] {and, field.get().end()});
            groups.add(field.get().column().name());
        }
    }

    private void count(int from, int to) {
        use(from, to);
        plan.aggregate = Aggregate.count();
    }

    private void use(int from, int to) {
        for (int k = from; k < to; k++) {
            tokens.use(k);
        }
    }

    private static boolean takes(Fn fn, ColumnView column) {
        if (column.has(FieldRole.PRIMARY_KEY)
                || Words.split(column.name()).stream().anyMatch(w -> w.equalsIgnoreCase("id"))) {
            // "total payments": a key is no quantity
            return false;
        }
        boolean number = column.type().isNumeric();
        boolean date = column.type() == ValueType.DATE
                || column.type() == ValueType.TIMESTAMP
                || column.type() == ValueType.TIMESTAMP_TZ;
        return fn == Fn.MIN || fn == Fn.MAX ? number || date : number;
    }

    /** Whether the word at {@code i} is part of a longer field name of the target ("quantity per unit"). */
    private boolean partOfField(EntityInfo target, int i) {
        for (int start = Math.max(0, i - 3); start <= i; start++) {
            Optional<ColumnMatch> column = columns.columnAt(target, start, Use.ANY);
            if (column.isPresent() && column.get().end() > i + (start == i ? 1 : 0)) {
                return true;
            }
        }
        return false;
    }
}
