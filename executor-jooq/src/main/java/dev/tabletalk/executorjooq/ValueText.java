package dev.tabletalk.executorjooq;

/** Values quoted for messages, cut short so that a huge value cannot flood a reply. */
final class ValueText {

    private static final int MAX_QUOTED = 40;

    private ValueText() {}

    static String quote(Object value) {
        String text = String.valueOf(value);
        String shown = text.codePointCount(0, text.length()) > MAX_QUOTED
                ? text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED)) + "…"
                : text;
        return "'" + shown + "'";
    }
}
