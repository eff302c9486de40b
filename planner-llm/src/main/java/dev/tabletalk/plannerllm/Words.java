package dev.tabletalk.plannerllm;

import dev.tabletalk.core.text.Identifiers;
import dev.tabletalk.core.text.Plurals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The content words of names and messages, comparable across both: split and made singular by
 * {@code core.text}, stop words dropped.
 */
final class Words {

    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "is", "are", "be",
            "me", "my", "i", "we", "us", "our", "you", "your", "it", "its", "this", "that", "these", "those", "all",
            "any", "some", "please", "show", "list", "find", "get", "display", "give", "tell", "what", "which", "who",
            "how", "many", "much", "where", "when", "add", "create", "insert", "new", "update", "change", "set", "make",
            "mark", "can", "could", "would", "do", "does", "there", "here", "named", "called", "whose", "than", "more",
            "less", "over", "under", "above", "below", "into", "as", "have", "has", "not", "no", "yes", "id");

    private Words() {}

    /** The distinct content words of a text, in order: split, lower-cased, made singular, stop words dropped. */
    static List<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String raw : Identifiers.words(text)) {
            String word = Plurals.singular(raw);
            if (!STOP.contains(word) && !STOP.contains(raw)) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }
}
