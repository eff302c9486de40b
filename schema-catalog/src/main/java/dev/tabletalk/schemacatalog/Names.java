package dev.tabletalk.schemacatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits identifiers into lower-case words: {@code passwordHash}, {@code PasswordHash} and
 * {@code password_hash} all give password, hash. Plain loops, no regular expressions: this runs
 * for every column of every load.
 */
final class Names {

    private Names() {}

    /**
     * Words and squashed forms of the names of one load, computed once per distinct name (column
     * names such as id, name and created_at repeat across tables). Confined to the loading thread.
     */
    static final class Cache {
        private final java.util.Map<String, List<String>> words = new java.util.HashMap<>();
        private final java.util.Map<String, String> squashed = new java.util.HashMap<>();

        List<String> words(String identifier) {
            return words.computeIfAbsent(identifier, Names::words);
        }

        String squash(String identifier) {
            return squashed.computeIfAbsent(identifier, Names::squash);
        }
    }

    static List<String> words(String identifier) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        int length = identifier.length();
        for (int i = 0; i < length; i++) {
            char c = identifier.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            if (Character.isUpperCase(c) && word.length() > 0) {
                char previous = identifier.charAt(i - 1);
                boolean nextIsLower = i + 1 < length && Character.isLowerCase(identifier.charAt(i + 1));
                // fooBar -> foo|Bar; HTTPServer -> HTTP|Server
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextIsLower)) {
                    flush(word, words);
                }
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Lower case with every separator removed: {@code Created_At} gives {@code createdat}. */
    static String squash(String identifier) {
        StringBuilder squashed = new StringBuilder(identifier.length());
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                squashed.append(Character.toLowerCase(c));
            }
        }
        return squashed.toString();
    }
}
