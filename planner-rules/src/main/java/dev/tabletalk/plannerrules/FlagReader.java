package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fields named by one word, an adjective: a boolean field ("active", "inactive") or a value of an enum
 * field ("PG"). The words are looked up in keys the schema index computed once.
 */
final class FlagReader {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlanParts plan;

    FlagReader(TokenCursor tokens, SchemaIndex index, PlanParts plan) {
        this.tokens = tokens;
        this.index = index;
        this.plan = plan;
    }

    /** A field and value named by one word ("active", "PG"), and where the reading goes on. */
    record Flag(ColumnView column, Object value, int end) {}

    /** "active staff", "inactive customers", "not active", "PG films": a boolean or enum field named by a word. */
    Optional<Flag> adjective(int i) {
        boolean negated = tokens.peekIs(i, "not") || tokens.peekIs(i, "non");
        int k = negated ? i + 1 : i;
        Optional<Token> t = tokens.peek(k);
        if (t.isEmpty() || !t.get().isWord()) {
            return Optional.empty();
        }
        String word = t.get().word();
        if (!negated
                && !Words.COMMON.contains(word)
                && (word.length() >= 2 || t.get().text().equals(t.get().text().toUpperCase(Locale.ROOT)))) {
            // "PG films", "open invoices": a value of exactly one enum field
            List<Flag> enums = new ArrayList<>();
            for (ColumnView column : plan.target.columns()) {
                for (String allowed : column.enumValues()) {
                    if (allowed.equalsIgnoreCase(t.get().text())) {
                        enums.add(new Flag(column, allowed, k + 1));
                    }
                }
            }
            if (enums.size() == 1) {
                return Optional.of(enums.get(0));
            }
        }
        boolean inverse = false;
        if (word.startsWith("in") && word.length() > 4 || word.startsWith("un") && word.length() > 4) {
            inverse = true;
        }
        for (boolean tryInverse : new boolean[] {false, true}) {
            if (tryInverse && !inverse) {
                continue;
            }
            String base = tryInverse ? word.substring(2) : word;
            ColumnView column = plan.target.flagKeys().get(base);
            if (column != null) {
                boolean value = !negated ^ tryInverse;
                return Optional.of(new Flag(column, value, k + 1));
            }
        }
        return Optional.empty();
    }

    /** Whether the word at {@code k} is a boolean or enum value of any entity ("active", "PG"). */
    boolean adjectiveOf(int k) {
        String word = tokens.get(k).word();
        String base = word.startsWith("in") || word.startsWith("un") ? word.substring(2) : word;
        return index.isFlagKey(word)
                || index.isFlagKey(base)
                || index.isEnumValue(tokens.get(k).text());
    }
}
