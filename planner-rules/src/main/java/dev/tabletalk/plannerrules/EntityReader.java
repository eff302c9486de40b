package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.BEFORE_ENTITY;
import static dev.tabletalk.plannerrules.Lexicon.FILLER;

import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.SchemaIndex.Alias;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import dev.tabletalk.plannerrules.SchemaIndex.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The target entity: where the message names entities, and which one the request is about. */
final class EntityReader {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final RulesPlannerConfig config;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final FlagReader flags;

    EntityReader(
            TokenCursor tokens,
            SchemaIndex index,
            RulesPlannerConfig config,
            PlanParts plan,
            ColumnMatcher columns,
            FlagReader flags) {
        this.tokens = tokens;
        this.index = index;
        this.config = config;
        this.plan = plan;
        this.columns = columns;
        this.flags = flags;
    }

    /** Where a message names an entity. */
    record Mention(int start, int end, EntityInfo entity, boolean typo) {}

    /** Where the message names entities; kept in the plan's parts for the readers that look for them later. */
    List<Mention> mentions() {
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Optional<Mention> at = mentionAt(i);
            if (at.isPresent()) {
                found.add(at.get());
                i = at.get().end();
            } else {
                i++;
            }
        }
        plan.mentions = List.copyOf(found);
        return found;
    }

    Optional<Mention> mentionAt(int i) {
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - i); len >= 1; len--) {
            Optional<String> key = tokens.key(i, len);
            if (key.isEmpty()) {
                continue;
            }
            // #17: the one entity named exactly (or, failing any, by a comment), without a set per run of words
            EntityInfo exact = null;
            boolean exactOne = true;
            EntityInfo comment = null;
            boolean commentOne = true;
            for (Alias<EntityInfo> alias : index.entityAliases(key.get())) {
                if (alias.strength() == Strength.COMMENT) {
                    commentOne &= comment == null || comment.equals(alias.target());
                    comment = alias.target();
                } else {
                    exactOne &= exact == null || exact.equals(alias.target());
                    exact = alias.target();
                }
            }
            if (exact != null && exactOne) {
                return Optional.of(new Mention(i, i + len, exact, false));
            }
            if (exact == null && comment != null && commentOne) {
                return Optional.of(new Mention(i, i + len, comment, false));
            }
        }
        Token t = tokens.get(i);
        int tolerance = Words.tolerance(t.word().length(), config.maxTypoDistance());
        if (t.isWord() && t.ascii() && tolerance > 0 && !Words.COMMON.contains(t.word())) {
            String key = Words.singular(t.word());
            EntityInfo best = null;
            int bestDistance = Integer.MAX_VALUE;
            boolean tie = false;
            for (Alias<EntityInfo> alias : index.entityAliases()) {
                if (Math.abs(alias.key().length() - key.length()) > tolerance
                        || alias.key().isEmpty()
                        || key.charAt(0) != alias.key().charAt(0)
                                && key.charAt(1) != alias.key().charAt(1)) {
                    continue;
                }
                int d = Words.distance(key, alias.key(), tolerance);
                if (d <= tolerance) {
                    if (d < bestDistance) {
                        best = alias.target();
                        bestDistance = d;
                        tie = false;
                    } else if (d == bestDistance && alias.target() != best) {
                        tie = true;
                    }
                }
            }
            if (best != null && !tie) {
                return Optional.of(new Mention(i, i + 1, best, true));
            }
        }
        return Optional.empty();
    }

    /**
     * The first mention that is not part of a longer column phrase of another mentioned entity
     * ("change the customer id of order 5": "customer" is a field of orders, not the target).
     */
    Optional<Mention> chooseTarget(List<Mention> mentions) {
        for (Mention m : mentions) {
            // "set the product name of product 4 ...": "product name" is a field of the product named after it
            Optional<ColumnMatch> ownField = columns.columnAt(m.entity(), m.start(), Use.ANY);
            boolean fieldOfLaterMention = ownField.isPresent()
                    && ownField.get().end() > m.end()
                    && mentions.stream()
                            .anyMatch(o -> o.entity() == m.entity()
                                    && o.start() >= ownField.get().end());
            if (fieldOfLaterMention) {
                continue;
            }
            boolean partOfField = false;
            for (Mention other : mentions) {
                if (other.entity() == m.entity()) {
                    continue;
                }
                Optional<ColumnMatch> column = columns.columnAt(other.entity(), m.start(), Use.ANY);
                if (column.isPresent() && column.get().end() > m.end()) {
                    partOfField = true;
                }
                // "units on order of product 9": the mention sits inside a longer field name of another entity
                for (int s = Math.max(0, m.start() - 3); s < m.start(); s++) {
                    Optional<ColumnMatch> around = columns.columnAt(other.entity(), s, Use.ANY);
                    if (around.isPresent() && around.get().end() >= m.end()) {
                        partOfField = true;
                    }
                }
                // "set the language of film 5 ...": language is a field of the film named next
                int after = m.end();
                if (column.isPresent()
                        && column.get().end() == m.end()
                        && (tokens.peekIs(after, "of") || tokens.peekIs(after, "for"))) {
                    int k = after + 1;
                    while (tokens.peekIs(k, "the") || tokens.peekIs(k, "a") || tokens.peekIs(k, "an")) {
                        k++;
                    }
                    if (other.start() == k) {
                        partOfField = true;
                    }
                }
            }
            if (!partOfField) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    boolean onlyFillersBetween(int from, int to) {
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (!t.isWord()
                    || !(FILLER.contains(t.word()) || BEFORE_ENTITY.contains(t.word()) || flags.adjectiveOf(k))) {
                return false;
            }
        }
        return true;
    }

    boolean unknownWordBefore(int entityStart) {
        for (int k = 0; k < entityStart; k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || FILLER.contains(t.word()) || BEFORE_ENTITY.contains(t.word())) {
                continue;
            }
            if (flags.adjectiveOf(k) || tokens.used(k)) {
                continue;
            }
            return true;
        }
        return false;
    }

    boolean isTargetAt(int k) {
        int at = k;
        while (tokens.peekIs(at, "the")
                || tokens.peekIs(at, "a")
                || tokens.peekIs(at, "an")
                || tokens.peekIs(at, "this")) {
            at++;
        }
        return plan.targetMention != null && at == plan.targetMention.start();
    }
}
