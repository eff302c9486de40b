package dev.tabletalk.audit;

import dev.tabletalk.core.plan.Filter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small, deterministic JSON writer: object keys sorted by their UTF-16 code units, no whitespace,
 * strings escaped the same way every time. The same value always gives the same text, so the text
 * can be hashed and compared.
 *
 * <p>JSON has no dates, UUIDs or decimals of its own: such values are written as strings (their
 * ISO-8601 or {@code toString} form), {@link BigDecimal} as a plain number keeping its scale, NaN
 * and infinities as strings. Filters are written as {@code {"field":..,"op":..,"value":..}}.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String write(Object value) {
        return write(value, 64);
    }

    /** A JSON object of the given entries, keys sorted. */
    static String object(Map<String, ?> entries) {
        // room for a read's plan (about 300 characters) without growing the builder on every turn
        return write(entries, 512);
    }

    private static String write(Object value, int capacity) {
        StringBuilder out = new StringBuilder(capacity);
        append(out, value);
        return out.toString();
    }

    /** Appends the member {@code "key":value} of an object whose keys the caller writes in their sorted order. */
    static void member(StringBuilder out, String key, Object value) {
        string(out, key);
        out.append(':');
        append(out, value);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                out.append(value);
            } else {
                string(out, value.toString());
            }
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Filter filter) {
            // its keys in their sorted order
            out.append('{');
            member(out, "field", filter.field());
            out.append(',');
            member(out, "op", filter.op().symbol());
            out.append(',');
            member(out, "value", filter.value());
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            Map<?, ?> sorted = sortedByText(map);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) entry.getKey());
                out.append(':');
                append(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            list(out, items);
        } else if (value instanceof Object[] array) {
            list(out, List.of(array));
        } else if (value instanceof byte[] bytes) {
            string(out, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Enum<?> constant) {
            string(out, constant.name());
        } else {
            // dates, times, UUIDs and anything else: their canonical text form
            string(out, value.toString());
        }
    }

    /**
     * The entries by their keys' text in UTF-16 order: {@code map} itself when it is in that order already (a sorted
     * map of text keys in their natural order, as the audit's own forms are), else a sorted copy.
     */
    private static Map<?, ?> sortedByText(Map<?, ?> map) {
        if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null && textKeys(map)) {
            return map;
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Text that is canonical JSON already, embedded as is. */
    record Raw(String json) {}

    private static void list(StringBuilder out, Collection<?> items) {
        List<Object> copy = new ArrayList<>(items);
        out.append('[');
        for (int i = 0; i < copy.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, copy.get(i));
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        int plain = 0; // the start of the run of characters written as they are
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                continue;
            }
            out.append(text, plain, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        // escaped as ASCII so the text survives any database encoding unchanged
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        // a surrogate pair, as it is
                        out.append(c).append(text.charAt(++i));
                    }
                }
            }
            plain = i + 1;
        }
        out.append(text, plain, length).append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }
}
