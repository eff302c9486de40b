package dev.tabletalk.cli;

import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;

/**
 * Row and plan values for people (text) and for JSON (numbers, booleans, strings, lists, maps). Text
 * for people is escaped for the terminal ({@link TerminalText}); a value cut to the reply's cell limit
 * shows its start and a marker with its full length, e.g. {@code …[truncated, 1048576 chars]}.
 */
final class Values {

    private static final int MAX_CELL = 40;

    private Values() {}

    /** A value as a table cell: empty for null, escaped, shortened when long, on one line. */
    static String cell(Object value) {
        if (value instanceof TruncatedText cut) {
            String marker = cut.marker();
            return shorten(TerminalText.escape(cut.text()), Math.max(1, MAX_CELL - marker.length()), "") + marker;
        }
        return shorten(text(value), MAX_CELL, "…");
    }

    /** A value as plain text, escaped: empty for null. */
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
        return TerminalText.escape(String.valueOf(value));
    }

    /** A value in a sentence: quoted text (escaped), empty for null, a cut value with its marker. */
    static String quoted(Object value) {
        if (value == null) {
            return "(empty)";
        }
        if (value instanceof String s) {
            return "'" + TerminalText.escape(s) + "'";
        }
        if (value instanceof TruncatedText cut) {
            return "'" + TerminalText.escape(cut.text()) + "'" + cut.marker();
        }
        return text(value);
    }

    /** At most {@code max} code points: cut with {@code ellipsis} when longer, never inside a surrogate pair. */
    private static String shorten(String text, int max, String ellipsis) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int keep = Math.max(0, max - ellipsis.length());
        return text.substring(0, text.offsetByCodePoints(0, keep)) + ellipsis;
    }
}
