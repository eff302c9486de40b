package dev.tabletalk.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a catalog identifier and the forms derived from them. {@code order_details},
 * {@code OrderDetails}, {@code orderDetails} and {@code order-details} all give order, details;
 * {@code HTTPServer} gives http, server; {@code address2} gives address, 2. Plain loops, no regular
 * expressions: the catalog runs this for every column of every load.
 */
public final class Identifiers {

    private Identifiers() {}

    /**
     * The lower-case words of an identifier: split at every character that is neither a letter nor a
     * digit, between a lower-case letter (or digit) and an upper-case one, before the last capital
     * of an acronym ({@code HTTPServer}), and between a letter and a following digit.
     */
    public static List<String> words(String identifier) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        int length = identifier.length();
        for (int i = 0; i < length; i++) {
            char c = identifier.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && startsWord(identifier, i)) {
                flush(word, words);
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    /** Whether the letter or digit at {@code i}, inside a word, begins a new one. */
    private static boolean startsWord(String identifier, int i) {
        char c = identifier.charAt(i);
        char previous = identifier.charAt(i - 1);
        if (Character.isDigit(c)) {
            // "address2" -> address|2
            return Character.isLetter(previous);
        }
        if (!Character.isUpperCase(c)) {
            return false;
        }
        boolean nextIsLower = i + 1 < identifier.length() && Character.isLowerCase(identifier.charAt(i + 1));
        // "orderDetails" -> order|Details; "HTTPServer" -> HTTP|Server; "ID" stays whole
        return Character.isLowerCase(previous)
                || Character.isDigit(previous)
                || Character.isUpperCase(previous) && nextIsLower;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Lower case with every character that is neither a letter nor a digit removed: {@code Created_At} gives {@code createdat}. */
    public static String squash(String identifier) {
        StringBuilder squashed = new StringBuilder(identifier.length());
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                squashed.append(Character.toLowerCase(c));
            }
        }
        return squashed.toString();
    }

    /**
     * A column name as words for a person: {@code first_name} and {@code FirstName} become "first
     * name". Only a lower-case letter or digit followed by a capital, an underscore or a dash
     * separates words here, so {@code address2} and {@code HTTPServer} read as one word each.
     */
    public static String label(String columnName) {
        StringBuilder label = new StringBuilder(columnName.length() + 4);
        for (int i = 0; i < columnName.length(); i++) {
            char c = columnName.charAt(i);
            if (c == '_' || c == '-') {
                label.append(' ');
                continue;
            }
            if (i > 0 && isAsciiUpper(c) && isAsciiLowerOrDigit(columnName.charAt(i - 1))) {
                label.append(' ');
            }
            label.append(c);
        }
        return label.toString().strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLowerOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
