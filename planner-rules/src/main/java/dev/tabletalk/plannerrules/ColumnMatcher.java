package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.plannerrules.SchemaIndex.Alias;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import dev.tabletalk.plannerrules.SchemaIndex.Strength;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Column matching: which field of an entity the words at a position name, by its name, a synonym, a
 * near spelling or a past tense ("hired" for hire_date).
 */
final class ColumnMatcher {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final RulesPlannerConfig config;

    ColumnMatcher(TokenCursor tokens, SchemaIndex index, RulesPlannerConfig config) {
        this.tokens = tokens;
        this.index = index;
        this.config = config;
    }

    enum Use {
        ANY,
        FILTER,
        WRITE
    }

    record ColumnMatch(ColumnView column, int end) {}

    Optional<ColumnMatch> columnAt(EntityInfo entity, int i, Use use) {
        if (i >= tokens.size() || !tokens.get(i).isWord() || tokens.used(i)) {
            return Optional.empty();
        }
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - i); len >= 1; len--) {
            Optional<String> exact = tokens.key(i, len);
            if (exact.isEmpty()) {
                continue;
            }
            for (String key : len > 1 ? List.of(exact.get(), pastTenseFree(i, len)) : List.of(exact.get())) {
                List<Alias<ColumnView>> aliases = entity.columnAliases(key);
                if (aliases.isEmpty()) {
                    continue;
                }
                for (Strength strength : Strength.values()) {
                    Set<ColumnView> candidates = new LinkedHashSet<>();
                    for (Alias<ColumnView> alias : aliases) {
                        if (alias.strength() == strength) {
                            candidates.add(alias.target());
                        }
                    }
                    Optional<ColumnView> one = pick(candidates, use);
                    if (one.isPresent()) {
                        return Optional.of(new ColumnMatch(one.get(), i + len));
                    }
                    if (!candidates.isEmpty()) {
                        break;
                    }
                }
            }
        }
        for (int len = Math.min(3, tokens.size() - i); len >= 2; len--) {
            Optional<String> key = tokens.key(i, len);
            if (key.isEmpty()
                    || !Words.isAscii(key.get())
                    || Words.COMMON.contains(tokens.get(i).word())
                    || Words.COMMON.contains(tokens.get(i + len - 1).word())) {
                continue;
            }
            int tolerance = Words.tolerance(key.get().length(), config.maxTypoDistance());
            Set<ColumnView> close = new LinkedHashSet<>();
            for (Alias<ColumnView> alias : entity.columnAliases()) {
                if (alias.strength() != Strength.PARTIAL
                        && alias.words() == len
                        && Words.distance(key.get(), alias.key(), tolerance) <= tolerance) {
                    close.add(alias.target());
                }
            }
            if (close.size() == 1) {
                return Optional.of(new ColumnMatch(close.iterator().next(), i + len));
            }
        }
        Token t = tokens.get(i);
        if (t.ascii() && t.word().endsWith("ed") && t.word().length() > 4) {
            // "hired" -> hire_date, "returned" -> return_date, "shipped" -> shipped_date
            String w = t.word();
            for (String stem : List.of(
                    w.substring(0, w.length() - 1), w.substring(0, w.length() - 2), w.substring(0, w.length() - 3))) {
                Set<ColumnView> candidates = new LinkedHashSet<>();
                for (Alias<ColumnView> alias : entity.columnAliases(stem)) {
                    if (alias.words() == 1) {
                        candidates.add(alias.target());
                    }
                }
                Optional<ColumnView> one = pick(candidates, use);
                if (one.isPresent()) {
                    return Optional.of(new ColumnMatch(one.get(), i + 1));
                }
            }
        }
        int tolerance = Words.tolerance(t.word().length(), config.maxTypoDistance());
        if (t.ascii() && tolerance > 0 && !Words.COMMON.contains(t.word())) {
            String key = Words.singular(t.word());
            Set<ColumnView> close = new LinkedHashSet<>();
            for (Alias<ColumnView> alias : entity.columnAliases()) {
                if (alias.strength() != Strength.PARTIAL && Words.distance(key, alias.key(), tolerance) <= tolerance) {
                    close.add(alias.target());
                }
            }
            if (close.size() == 1) {
                return Optional.of(new ColumnMatch(close.iterator().next(), i + 1));
            }
        }
        return Optional.empty();
    }

    /** The key of a window with "-ed" dropped from its words: "shipped via" -> "ship via". */
    private String pastTenseFree(int i, int len) {
        List<String> words = new ArrayList<>();
        for (int k = i; k < i + len; k++) {
            String w = tokens.get(k).word();
            if (w.endsWith("ed") && w.length() > 4) {
                String base = w.substring(0, w.length() - 2);
                if (base.length() > 2 && base.charAt(base.length() - 1) == base.charAt(base.length() - 2)) {
                    base = base.substring(0, base.length() - 1);
                }
                w = base;
            }
            words.add(w);
        }
        return Words.key(words);
    }

    private static Optional<ColumnView> pick(Set<ColumnView> candidates, Use use) {
        if (candidates.size() == 1) {
            return Optional.of(candidates.iterator().next());
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnView> preferred = candidates.stream()
                .filter(c -> use == Use.FILTER
                        ? SchemaIndex.filterable(c)
                        : use == Use.WRITE
                                ? c.has(FieldRole.UPDATE)
                                        || c.has(FieldRole.CREATE_REQUIRED)
                                        || c.has(FieldRole.CREATE_OPTIONAL)
                                : true)
                .toList();
        return preferred.size() == 1 ? Optional.of(preferred.get(0)) : Optional.empty();
    }
}
