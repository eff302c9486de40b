package dev.tabletalk.executorjooq;

/**
 * Masks values of masked columns: {@code john@example.com} becomes {@code j***@example.com},
 * other text keeps its first and last two characters ({@code +1 555 0142} becomes {@code +***42}),
 * short text and non-text values become {@code ***}. {@code null} stays {@code null}.
 */
final class Masker {

    static final String MASK = "***";

    private Masker() {}

    static Object mask(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return MASK;
        }
        int at = text.lastIndexOf('@');
        if (at > 0 && at < text.length() - 1) {
            int first = Character.isHighSurrogate(text.charAt(0)) ? text.offsetByCodePoints(0, 1) : 1;
            return text.substring(0, first) + MASK + text.substring(at);
        }
        if (!hasSurrogates(text)) {
            // the common case, one char per code point: no code point walk
            return text.length() < 7 ? MASK : text.charAt(0) + MASK + text.substring(text.length() - 2);
        }
        int length = text.codePointCount(0, text.length());
        if (length < 7) {
            return MASK;
        }
        return text.substring(0, text.offsetByCodePoints(0, 1))
                + MASK
                + text.substring(text.offsetByCodePoints(0, length - 2));
    }

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
