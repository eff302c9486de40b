package dev.tabletalk.schemacatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits identifiers into lower-case words: {@code passwordHash} and {@code password_hash} both give password, hash. */
final class Names {

    private Names() {}

    static List<String> words(String identifier) {
        String spaced = identifier
                .replaceAll("([\\p{Ll}\\d])(\\p{Lu})", "$1 $2")
                .replaceAll("(\\p{Lu})(\\p{Lu}\\p{Ll})", "$1 $2");
        List<String> words = new ArrayList<>();
        for (String word : spaced.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** Lower case with every separator removed: {@code Created_At} gives {@code createdat}. */
    static String squash(String identifier) {
        return identifier.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
