package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.text.Identifiers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words and squashed forms of identifiers ({@link Identifiers}), for the rules that read names
 * during one catalog load.
 */
final class Names {

    private Names() {}

    /**
     * Words and squashed forms of the names of one load, computed once per distinct name (column
     * names such as id, name and created_at repeat across tables). Confined to the loading thread.
     */
    static final class Cache {
        private final Map<String, List<String>> words = new HashMap<>();
        private final Map<String, String> squashed = new HashMap<>();

        List<String> words(String identifier) {
            return words.computeIfAbsent(identifier, Identifiers::words);
        }

        String squash(String identifier) {
            return squashed.computeIfAbsent(identifier, Identifiers::squash);
        }
    }
}
