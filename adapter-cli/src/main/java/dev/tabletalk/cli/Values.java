package dev.tabletalk.cli;

import java.math.BigDecimal;

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
}
