package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.text.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Picks the entities stage A shows the model, so that its prompt stays within the token budget however
 * large the schema is. Small schemas are listed whole; large ones are ranked by lexical overlap between
 * the message and each entity's name (strongest), comment and column names, weighted by how rare each
 * word is across the schema, and only the best-ranked entities that fit are listed.
 *
 * <p>Right after the entity the message is most about (the draft's, else the best-ranked) come its foreign-key
 * neighbours: the entities it references and those that reference it, so that "the orders of customer Ada" shows
 * both. They are the declared foreign keys of the view ({@link ColumnView#references()}, which names exposed
 * entities only). Only a schema that declares none at all (a catalog read without foreign-key metadata) falls
 * back to the usual naming: a column whose name is another entity's name (singular) followed by {@code id}
 * ({@code customer_id}, {@code CustomerId}), other than the entity's own single-column primary key.
 */
final class Shortlist {

    private static final double NAME = 3.0;
    private static final double NAME_PART = 1.5;
    private static final double COMMENT = 1.0;
    private static final double COLUMN = 0.7;
    /** Neighbours listed right after the chosen entity take at most this share of the candidates. */
    private static final int NEIGHBOUR_SHARE = 3;

    /** The profiles of the last schema seen by this planner: the engine sends the same schema turn after turn. */
    private final AtomicReference<Cached> last = new AtomicReference<>();
    /** Schemas profiled so far: the work the cache saves, counted for tests (#12). */
    private final AtomicInteger profiled = new AtomicInteger();

    /**
     * The entities to list, best first.
     *
     * @param schema the schema view
     * @param message the person's message
     * @param pinned an entity that is always listed first (the draft's), if any
     * @param lineBudget the tokens the entity lines may take together
     * @param maxCandidates the most entities listed when the schema does not fit whole
     */
    List<EntityView> select(
            SchemaView schema, String message, Optional<String> pinned, int lineBudget, int maxCandidates) {
        List<EntityView> all = schema.entities();
        int whole = 0;
        for (EntityView entity : all) {
            whole += Tokens.count(Prompts.entityLine(entity));
            if (whole > lineBudget) {
                break;
            }
        }
        if (whole <= lineBudget) {
            return all;
        }
        List<Scored> ranked = rank(all, message);
        Picks picks = new Picks(lineBudget, maxCandidates);
        Optional<EntityView> first = pinned.flatMap(schema::entity);
        first.ifPresent(picks::add);
        Optional<EntityView> chosen = first.or(
                () -> ranked.stream().filter(s -> s.score() > 0).findFirst().map(Scored::entity));
        if (chosen.isPresent()) {
            picks.add(chosen.get());
            int room = Math.max(1, maxCandidates / NEIGHBOUR_SHARE);
            for (EntityView neighbour : neighbours(all, chosen.get())) {
                if (room-- <= 0) {
                    break;
                }
                picks.add(neighbour);
            }
        }
        for (Scored scored : ranked) {
            if (picks.full()) {
                break;
            }
            if (scored.score() > 0) {
                picks.add(scored.entity());
            }
        }
        return List.copyOf(picks.picked);
    }

    /**
     * The foreign-key neighbours of {@code entity} in catalog order: the entities it references first, then those
     * that reference it (declared foreign keys; by name only where the schema declares none, see the class
     * comment).
     */
    List<EntityView> neighbours(List<EntityView> entities, EntityView entity) {
        List<Profile> profiles = profiles(entities);
        int at = entities.indexOf(entity);
        if (at < 0) {
            return List.of();
        }
        Profile self = profiles.get(at);
        boolean declared = profiles.stream().anyMatch(p -> !p.declared().isEmpty());
        List<EntityView> parents = new ArrayList<>();
        List<EntityView> children = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            Profile other = profiles.get(i);
            if (i == at) {
                continue;
            }
            if (declared) {
                if (self.declared().contains(entities.get(i).name())) {
                    parents.add(entities.get(i));
                } else if (other.declared().contains(entity.name())) {
                    children.add(entities.get(i));
                }
            } else if (other.squashedName().isEmpty()) {
                continue;
            } else if (self.references().contains(other.squashedName())) {
                parents.add(entities.get(i));
            } else if (other.references().contains(self.squashedName())) {
                children.add(entities.get(i));
            }
        }
        parents.addAll(children);
        return parents;
    }

    /** The entities picked so far and what they cost. Confined to one call. */
    private static final class Picks {
        private final List<EntityView> picked = new ArrayList<>();
        private final int lineBudget;
        private final int maxCandidates;
        private int used;

        Picks(int lineBudget, int maxCandidates) {
            this.lineBudget = lineBudget;
            this.maxCandidates = maxCandidates;
        }

        boolean full() {
            return picked.size() >= maxCandidates;
        }

        /** Adds {@code entity} unless it is listed already, the list is full or its line does not fit. */
        void add(EntityView entity) {
            if (full() || picked.contains(entity)) {
                return;
            }
            int cost = Tokens.count(Prompts.entityLine(entity));
            if (used + cost <= lineBudget) {
                picked.add(entity);
                used += cost;
            }
        }
    }

    /** Every entity with its score for the message, best first; ties keep catalog order. */
    List<Scored> rank(List<EntityView> entities, String message) {
        List<String> asked = Words.of(message);
        if (asked.isEmpty()) {
            return List.of();
        }
        List<Profile> profiles = profiles(entities);
        Map<String, Integer> documentFrequency = new HashMap<>();
        Set<String> askedSet = new HashSet<>(asked);
        for (Profile profile : profiles) {
            for (String word : profile.all()) {
                if (askedSet.contains(word)) {
                    documentFrequency.merge(word, 1, Integer::sum);
                }
            }
        }
        int n = entities.size();
        List<Scored> scored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Profile profile = profiles.get(i);
            double score = 0;
            for (String word : asked) {
                int df = documentFrequency.getOrDefault(word, 0);
                double rarity = Math.log(1.0 + (double) n / (1 + df));
                score += rarity * profile.weight(word);
            }
            scored.add(new Scored(entities.get(i), score, i));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::order));
        return scored;
    }

    /** How many times this shortlist has profiled a schema's entities (once per schema while it stays the last). */
    int schemasProfiled() {
        return profiled.get();
    }

    record Scored(EntityView entity, double score, int order) {}

    /** The entity list the profiles were built from, held by identity: no hash can make two schemas look alike. */
    private record Cached(List<EntityView> entities, List<Profile> profiles) {}

    private List<Profile> profiles(List<EntityView> entities) {
        Cached cached = last.get();
        if (cached != null && cached.entities() == entities) {
            return cached.profiles();
        }
        List<Profile> profiles = new ArrayList<>(entities.size());
        for (EntityView entity : entities) {
            profiles.add(Profile.of(entity));
        }
        List<Profile> frozen = List.copyOf(profiles);
        profiled.incrementAndGet();
        last.set(new Cached(entities, frozen));
        return frozen;
    }

    /** The words of one entity, by where they occur. Immutable. */
    private record Profile(
            String squashedName,
            Set<String> name,
            Set<String> comment,
            Set<String> columns,
            Set<String> all,
            Set<String> references,
            Set<String> declared) {

        static Profile of(EntityView entity) {
            Set<String> columns = new HashSet<>();
            Set<String> references = new HashSet<>();
            Set<String> declared = new HashSet<>();
            for (ColumnView column : entity.columns()) {
                columns.addAll(Words.of(column.name()));
                reference(entity, column).ifPresent(references::add);
                column.references().ifPresent(declared::add);
            }
            String simple = entity.name().substring(entity.name().lastIndexOf('.') + 1);
            String squashed = String.join("", Words.of(simple));
            Set<String> name = Set.copyOf(Words.of(simple));
            Set<String> comment = Set.copyOf(entity.comment().map(Words::of).orElse(List.of()));
            Set<String> all = new HashSet<>(name);
            all.addAll(comment);
            all.addAll(columns);
            if (!squashed.isEmpty()) {
                all.add(squashed);
            }
            return new Profile(
                    squashed,
                    name,
                    comment,
                    Set.copyOf(columns),
                    Set.copyOf(all),
                    Set.copyOf(references),
                    Set.copyOf(declared));
        }

        /**
         * The squashed singular entity name a column seems to reference: {@code customer} for {@code customer_id} or
         * {@code CustomerId}; empty for other columns and for the entity's own single-column primary key.
         */
        private static Optional<String> reference(EntityView entity, ColumnView column) {
            List<String> words = Identifiers.words(column.name());
            if (words.size() < 2
                    || !words.get(words.size() - 1).equalsIgnoreCase("id")
                    || entity.primaryKey().equals(List.of(column.name()))) {
                return Optional.empty();
            }
            String squashed = String.join("", Words.of(column.name()));
            return squashed.isEmpty() ? Optional.empty() : Optional.of(squashed);
        }

        double weight(String word) {
            double weight = 0;
            if (name.contains(word) || word.equals(squashedName)) {
                weight += NAME;
            } else if (word.length() >= 4 && squashedName.contains(word)) {
                weight += NAME_PART;
            }
            if (comment.contains(word)) {
                weight += COMMENT;
            }
            if (columns.contains(word)) {
                weight += COLUMN;
            }
            return weight;
        }
    }
}
