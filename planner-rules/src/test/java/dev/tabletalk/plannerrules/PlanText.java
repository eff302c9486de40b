package dev.tabletalk.plannerrules;

import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A planner output as one line of text, typed values included, so that an expected plan can be
 * written by hand: {@code read film where rating = "PG-13"; length > 120 order length desc limit 5},
 * {@code create actor set first_name = "Ada"; last_name = "Lovelace"},
 * {@code update customer set email = "x@y.z" where customer_id = 5}, {@code refuse delete_not_allowed},
 * {@code unknown}, and a clarifying question as the labels of its choices in order:
 * {@code ask [country, city, region]} (#13). Texts are quoted; integers are bare ({@code Long}); decimals have a point
 * ({@code BigDecimal}); lists are {@code [a, b]}. Fields and filters are sorted, so their order in
 * the message does not matter; ordering (sort) does.
 *
 * <p>A read also shows the columns it selects, in order ({@code read film select title, length}), its
 * aggregate ({@code aggregate count}, {@code aggregate sum freight by ship_country}, ordered by the output
 * key: {@code order count desc}) and its offset ({@code offset 20}). A condition that is not a single
 * filter is written as a tree: {@code anyOf(city = "London" | country = "Germany")} and
 * {@code not(country = "Germany")}; the items of an {@code anyOf} are sorted too. A relationship ({@code via}
 * on the wire) is {@code album_id in album(title = "Let There Be Rock")}, its own items sorted and written sorted
 * in a label (they may nest); a clarifying question is {@code ask(label | label)}, its choices' labels in order.
 */
final class PlanText {

    private PlanText() {}

    static String of(PlannerOutput output) {
        if (output.refusal().isPresent()) {
            return "refuse " + output.refusal().get().code().wireName();
        }
        if (output.question().isPresent()) {
            return "ask "
                    + output.question().get().choices().stream()
                            .map(Question.Choice::label)
                            .collect(Collectors.joining(", ", "[", "]"));
        }
        StringBuilder text = new StringBuilder(output.intent().wireName());
        output.entity().ifPresent(e -> text.append(' ').append(e));
        if (!output.fields().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, Object> entry : output.fields().entrySet()) {
                items.add(entry.getKey() + " = " + value(entry.getValue()));
            }
            text.append(" set ").append(String.join("; ", sorted(items)));
        }
        if (!output.select().isEmpty()) {
            text.append(" select ").append(String.join(", ", output.select()));
        }
        output.aggregate().ifPresent(a -> text.append(" aggregate ").append(aggregate(a)));
        if (!output.filters().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Condition condition : output.filters()) {
                items.add(condition(condition));
            }
            text.append(" where ").append(String.join("; ", sorted(items)));
        }
        if (!output.orderBy().isEmpty()) {
            text.append(" order ")
                    .append(output.orderBy().stream().map(PlanText::sort).collect(Collectors.joining(", ")));
        }
        output.limit().ifPresent(n -> text.append(" limit ").append(n));
        if (output.offset() > 0) {
            text.append(" offset ").append(output.offset());
        }
        return text.toString();
    }

    private static String aggregate(Aggregate aggregate) {
        return aggregate.fn().wireName()
                + aggregate.field().map(f -> " " + f).orElse("")
                + (aggregate.groupBy().isEmpty() ? "" : " by " + String.join(", ", aggregate.groupBy()));
    }

    private static String condition(Condition condition) {
        if (condition instanceof Not not) {
            return "not(" + condition(not.item()) + ")";
        }
        if (condition instanceof AnyOf anyOf) {
            return anyOf.items().stream()
                    .map(PlanText::condition)
                    .sorted()
                    .collect(Collectors.joining(" | ", "anyOf(", ")"));
        }
        if (condition instanceof Related related) {
            return related.filters().stream()
                    .map(PlanText::condition)
                    .sorted()
                    .collect(Collectors.joining("; ", related.field() + " in " + related.entity() + "(", ")"));
        }
        Filter filter = (Filter) condition;
        return filter.field() + " " + filter.op().symbol()
                + (filter.op().isNullCheck() ? "" : " " + value(filter.value()));
    }

    /** The same text with the items of its set and where parts sorted, for comparing. */
    static String normalise(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        String[] markers = {" select ", " aggregate ", " set ", " where ", " order ", " limit ", " offset "};
        int at = 0;
        String currentMarker = null;
        while (true) {
            int next = -1;
            String found = null;
            for (String marker : markers) {
                int i = indexOutsideQuotes(t, marker, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    found = marker;
                }
            }
            String part = next < 0 ? t.substring(at) : t.substring(at, next);
            if (" set ".equals(currentMarker) || " where ".equals(currentMarker)) {
                part = String.join(
                        "; ",
                        sorted(topLevel(part).stream()
                                .map(PlanText::normaliseAnyOf)
                                .toList()));
            }
            out.append(part);
            if (next < 0) {
                break;
            }
            out.append(found);
            currentMarker = found;
            at = next + found.length();
        }
        return out.toString();
    }

    /** The items of a set or where part: split at "; " outside quotes and parentheses (a via keeps its own). */
    private static List<String> topLevel(String part) {
        List<String> items = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int from = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && part.startsWith("; ", i)) {
                items.add(part.substring(from, i));
                from = i + 2;
            }
        }
        items.add(part.substring(from));
        return items;
    }

    /** {@code anyOf(b | a)} as {@code anyOf(a | b)}: a label may name the alternatives in any order. */
    private static String normaliseAnyOf(String item) {
        if (!item.startsWith("anyOf(") || !item.endsWith(")")) {
            return item;
        }
        String inner = item.substring("anyOf(".length(), item.length() - 1);
        return sorted(List.of(inner.split(" \\| "))).stream().collect(Collectors.joining(" | ", "anyOf(", ")"));
    }

    private static int indexOutsideQuotes(String text, String marker, int from) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quoted = !quoted;
            }
            if (i >= from && !quoted && text.startsWith(marker, i)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> sorted(List<String> items) {
        return items.stream().sorted().toList();
    }

    private static String sort(Sort sort) {
        return sort.field() + (sort.descending() ? " desc" : " asc");
    }

    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanText::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
