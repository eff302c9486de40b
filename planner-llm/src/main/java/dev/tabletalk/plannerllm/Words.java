package dev.tabletalk.plannerllm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Splits names and text into comparable words: camelCase and snake_case apart, lower case, singular. */
final class Words {

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])|([A-Z])([A-Z][a-z])");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "is", "are",
            "be", "me", "my", "i", "we", "us", "our", "you", "your", "it", "its", "this", "that", "these", "those",
            "all", "any", "some", "please", "show", "list", "find", "get", "display", "give", "tell", "what",
            "which", "who", "how", "many", "much", "where", "when", "add", "create", "insert", "new", "update",
            "change", "set", "make", "mark", "can", "could", "would", "do", "does", "there", "here", "named",
            "called", "whose", "than", "more", "less", "over", "under", "above", "below", "into", "as", "have",
            "has", "not", "no", "yes", "id");

    private Words() {}

    /** The distinct content words of a text, in order: split, lower-cased, made singular, stop words dropped. */
    static List<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        String spaced = CAMEL.matcher(text).replaceAll("$1$3 $2$4");
        for (String raw : NON_WORD.split(spaced.toLowerCase(Locale.ROOT))) {
            if (raw.isEmpty()) {
                continue;
            }
            String word = singular(raw);
            if (!STOP.contains(word) && !STOP.contains(raw)) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }

    static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("ses") || word.endsWith("xes") || word.endsWith("ches")
                || word.endsWith("shes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
