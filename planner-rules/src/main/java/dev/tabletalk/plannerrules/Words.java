package dev.tabletalk.plannerrules;

import dev.tabletalk.core.text.Identifiers;
import dev.tabletalk.core.text.Plurals;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Word-level helpers of the reader: comparison keys, edit distance, lookalike letters and common
 * words. Splitting names and singular forms come from {@code core.text}.
 */
final class Words {

    private Words() {}

    /** Words of a catalog name: {@code order_details}, {@code OrderDetails}, {@code orderDetails} -> order, details. */
    static List<String> split(String name) {
        return Identifiers.words(name);
    }

    /** The lower-case singular of an English word, good enough for table and column names. */
    static String singular(String word) {
        return Plurals.singular(word.toLowerCase(Locale.ROOT));
    }

    /** A key for comparing words regardless of case, plural and separators. */
    static String key(List<String> words) {
        StringBuilder key = new StringBuilder();
        for (String word : words) {
            key.append(singular(word));
        }
        return key.toString();
    }

    /** Damerau-Levenshtein (optimal string alignment) distance, stopping early above {@code max}. */
    static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        // #17: three rolling rows (two back for a transposition) instead of the whole table
        int[] twoBack = new int[b.length() + 1];
        int[] back = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            back[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(back[j] + 1, row[j - 1] + 1), back[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, twoBack[j - 2] + 1);
                }
                row[j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] spare = twoBack;
            twoBack = back;
            back = row;
            row = spare;
        }
        return back[b.length()];
    }

    /** The edit distance still tolerated for a word of this length. */
    static int tolerance(int length, int max) {
        if (length < 5) {
            return 0;
        }
        return Math.min(max, length < 9 ? 1 : 2);
    }

    /** Whether every character is ASCII. */
    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Latin "skeleton" of a word: compatibility-normalised, invisible characters dropped and
     * common Cyrillic and Greek lookalikes replaced. Used only to <em>refuse</em> more (a disguised
     * "dеlete" is still a delete), never to resolve a name.
     */
    static String skeleton(String word) {
        if (isAscii(word)) {
            // #17: plain ASCII has nothing to normalise, no marks and no lookalikes: only case
            return word.toLowerCase(Locale.ROOT);
        }
        String normal = Normalizer.normalize(word, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            char lower = Character.toLowerCase(c);
            int at = LOOKALIKES.indexOf(lower);
            out.append(at >= 0 ? LATIN.charAt(at) : lower);
        }
        return out.toString();
    }

    private static final String LOOKALIKES = "аеорсухіјԁѕԛԝӏтвкмнлοαερτνικμηυχıⅰ";
    private static final String LATIN = "aeopcyxijdsqwltbkmhnoaeptvikmnuxii";

    /** English words that never name a table or a field, so typo tolerance never applies to them. */
    static final Set<String> COMMON = Set.copyOf(List.of(
            "the",
            "a",
            "an",
            "all",
            "any",
            "every",
            "each",
            "me",
            "us",
            "please",
            "some",
            "of",
            "for",
            "to",
            "with",
            "without",
            "where",
            "whose",
            "which",
            "what",
            "who",
            "that",
            "this",
            "these",
            "those",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "and",
            "or",
            "not",
            "no",
            "in",
            "on",
            "at",
            "by",
            "from",
            "as",
            "show",
            "list",
            "find",
            "get",
            "display",
            "how",
            "many",
            "much",
            "add",
            "create",
            "insert",
            "new",
            "register",
            "update",
            "change",
            "set",
            "rename",
            "mark",
            "move",
            "there",
            "their",
            "them",
            "they",
            "than",
            "more",
            "less",
            "over",
            "under",
            "above",
            "below",
            "before",
            "after",
            "between",
            "first",
            "top",
            "most",
            "recent",
            "latest",
            "newest",
            "oldest",
            "named",
            "called",
            "titled",
            "starts",
            "starting",
            "containing",
            "contains",
            "have",
            "has",
            "having",
            "can",
            "could",
            "would",
            "you",
            "your",
            "want",
            "like",
            "need",
            "give",
            "tell",
            "look",
            "lookup",
            "search",
            "fetch",
            "view",
            "see",
            "least",
            "greater",
            "lower",
            "higher",
            "equal",
            "equals",
            "null",
            "empty",
            "order",
            "sorted",
            "ordered",
            "sort",
            "limit",
            "last",
            "only",
            "just",
            "also",
            "then",
            "into",
            "onto",
            "its",
            "it",
            "own",
            "other",
            "others",
            "records",
            "record",
            "rows",
            "row",
            "entries",
            "entry",
            "items",
            "item",
            "details",
            "info",
            "information",
            "data",
            "value",
            "values",
            "field",
            "fields",
            "table",
            "tables",
            "our",
            "my",
            "we",
            "i",
            "do",
            "does",
            "did",
            "let",
            "lets",
            "make",
            "put",
            "use",
            "called",
            "text",
            "hello",
            "hi",
            "thanks",
            "thank",
            "okay",
            "ok",
            "yes"));
}
