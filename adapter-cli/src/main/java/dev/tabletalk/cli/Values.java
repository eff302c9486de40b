package dev.tabletalk.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row and plan values for people (text) and for JSON (numbers, booleans, strings, lists, maps). */
final class Values {

    private static final int MAX_CELL = 40;

    private Values() {}

    /** A value as a table cell: empty for null, shortened when long, on one line. */
    static String cell(Object value) {
        String text = text(value);
        text = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }

    /** A value as plain text: empty for null. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] bytes) {
            return "(binary, " + bytes.length + " bytes)";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    /** A value in a sentence: quoted text, empty for null. */
    static String quoted(Object value) {
        if (value == null) {
            return "(empty)";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return text(value);
    }

    /** A value for JSON: numbers, booleans and strings stay; lists and maps are converted deeply; the rest is text. */
    static Object json(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(json(item));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            return jsonMap(map);
        }
        return text(value);
    }

    static Map<String, Object> jsonMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
        return out;
    }
}
