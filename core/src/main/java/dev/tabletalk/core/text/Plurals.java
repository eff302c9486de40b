package dev.tabletalk.core.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The singular of an English plural, good enough for table and column names and for wording:
 * purchases -> purchase, statuses -> status, categories -> category, boxes -> box, wolves -> wolf,
 * people -> person, analyses -> analysis; data, news and series stay as they are. Other words of
 * three letters or fewer are left alone ({@code bus}, {@code ids}). The case of the word is kept.
 */
public final class Plurals {

    /** Plurals no suffix rule gets right. */
    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("people", "person"),
            Map.entry("children", "child"),
            Map.entry("men", "man"),
            Map.entry("women", "woman"),
            Map.entry("feet", "foot"),
            Map.entry("teeth", "tooth"),
            Map.entry("geese", "goose"),
            Map.entry("mice", "mouse"),
            Map.entry("oxen", "ox"),
            Map.entry("movies", "movie"),
            Map.entry("cookies", "cookie"),
            Map.entry("zombies", "zombie"),
            Map.entry("indices", "index"),
            Map.entry("vertices", "vertex"),
            Map.entry("matrices", "matrix"),
            Map.entry("appendices", "appendix"),
            Map.entry("criteria", "criterion"),
            Map.entry("phenomena", "phenomenon"),
            Map.entry("crises", "crisis"),
            Map.entry("theses", "thesis"),
            Map.entry("diagnoses", "diagnosis"),
            Map.entry("hypotheses", "hypothesis"),
            Map.entry("aliases", "alias"),
            Map.entry("biases", "bias"),
            Map.entry("canvases", "canvas"),
            Map.entry("atlases", "atlas"),
            Map.entry("excuses", "excuse"),
            Map.entry("quizzes", "quiz"),
            Map.entry("caches", "cache"),
            Map.entry("niches", "niche"),
            Map.entry("wolves", "wolf"),
            Map.entry("halves", "half"),
            Map.entry("shelves", "shelf"),
            Map.entry("leaves", "leaf"),
            Map.entry("knives", "knife"),
            Map.entry("lives", "life"),
            Map.entry("wives", "wife"),
            Map.entry("calves", "calf"),
            Map.entry("loaves", "loaf"),
            Map.entry("thieves", "thief"),
            Map.entry("selves", "self"));

    /** Words whose plural is the word itself, or that only look plural. */
    private static final Set<String> UNCHANGED = Set.of(
            "data",
            "metadata",
            "news",
            "series",
            "species",
            "media",
            "information",
            "equipment",
            "sheep",
            "physics",
            "mathematics",
            "economics",
            "ethics",
            "politics",
            "analytics",
            "statistics",
            "logistics",
            "electronics",
            "athletics");

    private Plurals() {}

    /** Suffix rules in order, first match wins. */
    private static final List<Rule> RULES = List.of(
            new Rule("ies", 3, "y"),
            new Rule("yses", 2, "is"),
            new Rule("sses", 2, ""),
            new Rule("xes", 2, ""),
            new Rule("ches", 2, ""),
            new Rule("shes", 2, ""),
            new Rule("zzes", 2, ""),
            new Rule("ouses", 1, ""),
            new Rule("auses", 1, ""),
            new Rule("uses", 2, ""),
            new Rule("ss", 0, ""),
            new Rule("us", 0, ""),
            new Rule("is", 0, ""),
            new Rule("s", 1, ""));

    /** A word ending in {@code ending} loses its last {@code cut} letters and gains {@code add}. */
    private record Rule(String ending, int cut, String add) {

        /** Whether the rule applies: the ending matches and a stem remains ("ies" needs two letters: pies -> pie). */
        boolean matches(String lower) {
            int stem = ending.equals("ies") ? 2 : 1;
            return lower.endsWith(ending) && lower.length() >= ending.length() + stem;
        }

        String apply(String word) {
            boolean shouting = word.equals(word.toUpperCase(Locale.ROOT));
            return word.substring(0, word.length() - cut) + (shouting ? add.toUpperCase(Locale.ROOT) : add);
        }
    }

    /** The singular of {@code word}, keeping its case (CATEGORIES -> CATEGORY, Boxes -> Box). */
    public static String singular(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String known = IRREGULAR.get(w);
        if (known != null) {
            return Character.isUpperCase(word.charAt(0))
                    ? Character.toUpperCase(known.charAt(0)) + known.substring(1)
                    : known;
        }
        if (w.length() <= 3 || UNCHANGED.contains(w)) {
            return word;
        }
        for (Rule rule : RULES) {
            if (rule.matches(w)) {
                return rule.apply(word);
            }
        }
        return word;
    }
}
