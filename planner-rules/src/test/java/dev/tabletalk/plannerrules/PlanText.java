package dev.tabletalk.plannerrules;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
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
 * {@code unknown}. Texts are quoted; integers are bare ({@code Long}); decimals have a point
 * ({@code BigDecimal}); lists are {@code [a, b]}. Fields and filters are sorted, so their order in
 * the message does not matter; ordering (sort) does.
 */
final class PlanText {

    private PlanText() {}

    static String of(PlannerOutput output) {
        if (output.refusal().isPresent()) {
            return "refuse " + output.refusal().get().code().wireName();
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
        if (!output.filters().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Filter filter : Condition.leavesOf(output.filters())) {
                items.add(filter.field() + " " + filter.op().symbol()
                        + (filter.op().isNullCheck() ? "" : " " + value(filter.value())));
            }
            text.append(" where ").append(String.join("; ", sorted(items)));
        }
        if (!output.orderBy().isEmpty()) {
            text.append(" order ")
                    .append(output.orderBy().stream().map(PlanText::sort).collect(Collectors.joining(", ")));
        }
        output.limit().ifPresent(n -> text.append(" limit ").append(n));
        return text.toString();
    }

    /** The same text with the items of its set and where parts sorted, for comparing. */
    static String normalise(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        String[] markers = {" set ", " where ", " order ", " limit "};
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
                part = String.join("; ", sorted(List.of(part.split("; "))));
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
