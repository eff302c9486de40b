package dev.tabletalk.plannerrules;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One piece of a message.
 *
 * @param kind what it is
 * @param text the text as typed (for a quoted value: without the quotes; a possessive "'s" is kept)
 * @param word the lower-case form used for matching; empty for values that are never words
 * @param ascii whether the word is plain ASCII (only such words are compared loosely)
 * @param start where it starts in the message
 * @param end where it ends in the message
 */
record Token(Kind kind, String text, String word, boolean ascii, int start, int end) {

    enum Kind {
        WORD,
        NUMBER,
        QUOTED,
        EMAIL,
        DATE,
        SYMBOL
    }

    static Token of(Kind kind, String text, int start, int end) {
        String word = kind == Kind.QUOTED ? "" : text.toLowerCase(Locale.ROOT);
        return new Token(kind, text, word, Words.isAscii(text), start, end);
    }

    /** A word as typed, matched by {@code word} (the typed text without a possessive "'s"). */
    static Token word(String typed, String word, int start, int end) {
        return new Token(Kind.WORD, typed, word.toLowerCase(Locale.ROOT), Words.isAscii(typed), start, end);
    }

    boolean is(String lowerWord) {
        return kind != Kind.QUOTED && word.equals(lowerWord);
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    boolean isValue() {
        return kind == Kind.NUMBER || kind == Kind.QUOTED || kind == Kind.EMAIL || kind == Kind.DATE;
    }

    boolean isInteger() {
        return kind == Kind.NUMBER && text.indexOf('.') < 0;
    }

    /**
     * A number token as plan JSON would carry it: {@code Long} for integers, {@code BigDecimal} otherwise;
     * thousands separators dropped ({@code 1,000} is 1000). {@link #text} keeps the number as typed.
     */
    Object number() {
        String digits = text.replace(",", "");
        if (isInteger()) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                return new BigDecimal(digits);
            }
        }
        return new BigDecimal(digits);
    }
}
