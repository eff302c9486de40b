package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.catalog.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The names of a schema view, indexed for matching words of a message: every entity and column
 * under the keys a person might use for it (words split or joined, singular or plural, comment
 * synonyms, {@code customer} for {@code customer_id}, {@code price} for {@code unit_price}).
 * Built from the view only, so it holds no row data (invariant 8). Immutable.
 */
final class SchemaIndex {

    /** How a key was derived; lower is more trusted. */
    enum Strength {
        EXACT,
        DERIVED,
        COMMENT,
        PARTIAL
    }

    record Alias<T>(String key, int words, Strength strength, T target) {}

    /**
     * An entity with the aliases of its columns (worked out the first time they are needed) and its boolean
     * fields by adjective key ("active" for is_active; the first field of a key wins).
     */
    record EntityInfo(
            EntityView view,
            List<String> nameWords,
            List<ColumnView> columns,
            AtomicReference<ColumnAliases> aliasCache,
            Map<String, ColumnView> flagKeys) {

        String name() {
            return view.name();
        }

        /**
         * By name only: entity names are unique in an index, and the record's own hash walks every column of the view
         * each time an entity goes into a set (it was a tenth of a plan's time). Equality stays the record's.
         */
        @Override
        public int hashCode() {
            return view.name().hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return this == other
                    || other instanceof EntityInfo that
                            && view.equals(that.view)
                            && nameWords.equals(that.nameWords)
                            && columns.equals(that.columns)
                            && aliasCache.equals(that.aliasCache)
                            && flagKeys.equals(that.flagKeys);
        }

        List<Alias<ColumnView>> columnAliases() {
            return aliases().all();
        }

        /** The column aliases with exactly this key. */
        List<Alias<ColumnView>> columnAliases(String key) {
            return aliases().byKey().getOrDefault(key, List.of());
        }

        private ColumnAliases aliases() {
            ColumnAliases aliases = aliasCache.get();
            if (aliases == null) {
                aliases = ColumnAliases.of(SchemaIndex.columnAliases(nameWords, columns));
                aliasCache.compareAndSet(null, aliases);
            }
            return aliases;
        }

        Optional<ColumnView> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** An entity's column aliases, as a list and by key. */
    record ColumnAliases(List<Alias<ColumnView>> all, Map<String, List<Alias<ColumnView>>> byKey) {

        static ColumnAliases of(List<Alias<ColumnView>> aliases) {
            Map<String, List<Alias<ColumnView>>> byKey = new HashMap<>();
            for (Alias<ColumnView> alias : aliases) {
                byKey.computeIfAbsent(alias.key(), k -> new ArrayList<>()).add(alias);
            }
            return new ColumnAliases(List.copyOf(aliases), Map.copyOf(byKey));
        }
    }

    private final List<EntityInfo> entities;
    private final List<Alias<EntityInfo>> entityAliases;
    private final Map<String, List<Alias<EntityInfo>>> entityAliasesByKey;
    private final Set<String> nameWords;
    private final int maxAliasWords;
    /** The adjective keys of every entity's boolean fields. */
    private final Set<String> flagKeys;
    /** The allowed values of every entity's enum fields. */
    private final Set<String> enumValues;
    /** Every entity by its reference. */
    private final Map<String, EntityInfo> entitiesByName;

    private SchemaIndex(
            List<EntityInfo> entities, List<Alias<EntityInfo>> entityAliases, Set<String> nameWords, int maxWords) {
        this.entities = List.copyOf(entities);
        Map<String, EntityInfo> byName = new HashMap<>();
        entities.forEach(e -> byName.putIfAbsent(e.name(), e));
        this.entitiesByName = Map.copyOf(byName);
        this.entityAliases = List.copyOf(entityAliases);
        Map<String, List<Alias<EntityInfo>>> byKey = new HashMap<>();
        for (Alias<EntityInfo> alias : entityAliases) {
            byKey.computeIfAbsent(alias.key(), k -> new ArrayList<>()).add(alias);
        }
        this.entityAliasesByKey = byKey;
        this.nameWords = Set.copyOf(nameWords);
        int max = Math.max(3, maxWords);
        for (Alias<EntityInfo> alias : entityAliases) {
            max = Math.max(max, alias.words());
        }
        this.maxAliasWords = Math.min(max, 5);
        Set<String> keys = new HashSet<>();
        Set<String> values = new LinkedHashSet<>();
        for (EntityInfo entity : entities) {
            keys.addAll(entity.flagKeys().keySet());
            entity.columns().forEach(c -> values.addAll(c.enumValues()));
        }
        this.flagKeys = Set.copyOf(keys);
        this.enumValues = Collections.unmodifiableSet(values);
    }

    /** The adjective key of a boolean field: its name's key without "is" before or "bool" after. */
    static String flagKey(ColumnView column) {
        return Words.key(Words.split(column.name())).replaceFirst("^is", "").replaceFirst("bool$", "");
    }

    /** Whether some entity has a boolean field with this adjective key. */
    boolean isFlagKey(String key) {
        return flagKeys.contains(key);
    }

    /** Whether some entity has an enum field that allows this value (in any case). */
    boolean isEnumValue(String text) {
        return enumValues.stream().anyMatch(v -> v.equalsIgnoreCase(text));
    }

    /** The entity aliases with exactly this key. */
    List<Alias<EntityInfo>> entityAliases(String key) {
        return entityAliasesByKey.getOrDefault(key, List.of());
    }

    static SchemaIndex of(SchemaView view, String tenantColumn) {
        List<EntityInfo> entities = new ArrayList<>();
        List<Alias<EntityInfo>> entityAliases = new ArrayList<>();
        Set<String> nameWords = new LinkedHashSet<>();
        int maxWords = 1;
        for (EntityView entity : view.entities()) {
            String bare = entity.name().contains(".")
                    ? entity.name().substring(entity.name().lastIndexOf('.') + 1)
                    : entity.name();
            List<String> words = Words.split(bare);
            nameWords.addAll(words);
            // INV-7: the tenant column is set from the caller's identity, so it is never named, in any spelling
            String tenantKey = String.join("", Words.split(tenantColumn));
            List<ColumnView> columns = entity.columns().stream()
                    .filter(c -> !String.join("", Words.split(c.name())).equals(tenantKey))
                    .toList();
            for (ColumnView column : columns) {
                List<String> columnWords = Words.split(column.name());
                nameWords.addAll(columnWords);
                maxWords = Math.max(maxWords, columnWords.size());
            }
            Map<String, ColumnView> flagKeys = new LinkedHashMap<>();
            columns.stream()
                    .filter(c -> c.type() == ValueType.BOOLEAN)
                    .forEach(c -> flagKeys.putIfAbsent(flagKey(c), c));
            EntityInfo info = new EntityInfo(entity, words, columns, new AtomicReference<>(), Map.copyOf(flagKeys));
            entities.add(info);
            entityAliases.add(new Alias<>(Words.key(words), words.size(), Strength.EXACT, info));
            if (!bare.equals(entity.name())) {
                List<String> qualified = Words.split(entity.name());
                entityAliases.add(new Alias<>(Words.key(qualified), qualified.size(), Strength.EXACT, info));
            }
            entity.comment().ifPresent(comment -> {
                for (List<String> synonym : commentSynonyms(comment)) {
                    entityAliases.add(new Alias<>(Words.key(synonym), synonym.size(), Strength.COMMENT, info));
                }
            });
        }
        return new SchemaIndex(entities, entityAliases, nameWords, maxWords);
    }

    List<EntityInfo> entities() {
        return entities;
    }

    List<Alias<EntityInfo>> entityAliases() {
        return entityAliases;
    }

    int maxAliasWords() {
        return maxAliasWords;
    }

    /** Whether a word (lower case) occurs in any entity or column name, as typed in the catalog. */
    boolean isNameWord(String word) {
        return nameWords.contains(word);
    }

    /** An entity by its reference, looked up in a map: relationship phrases follow many foreign keys. */
    Optional<EntityInfo> entity(String name) {
        return Optional.ofNullable(entitiesByName.get(name));
    }

    // ---- column aliases -------------------------------------------------------------------------

    private static final Map<String, List<String>> SYNONYMS = synonyms();
    private static final Map<String, String> ORDINALS = Map.of("1", "first", "2", "second", "3", "third");

    private static Map<String, List<String>> synonyms() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("lastname", List.of("surname", "family name"));
        map.put("firstname", List.of("forename", "given name"));
        map.put("email", List.of("e-mail", "mail", "email address", "e-mail address", "mail address"));
        map.put("postalcode", List.of("zip", "zip code", "zipcode", "postcode", "post code"));
        map.put("phone", List.of("telephone", "phone number", "tel", "telephone number"));
        map.put("rating", List.of("rated"));
        map.put("length", List.of("duration", "running time", "runtime"));
        map.put("quantity", List.of("qty", "amount ordered"));
        map.put("unitprice", List.of("price per unit"));
        map.put("birthdate", List.of("born", "birthday", "date of birth", "dob"));
        return map;
    }

    static List<Alias<ColumnView>> columnAliases(List<String> entityWords, List<ColumnView> columns) {
        List<Alias<ColumnView>> aliases = new ArrayList<>();
        String entityKey = Words.key(entityWords);
        for (ColumnView column : columns) {
            List<String> words = Words.split(column.name());
            String key = Words.key(words);
            aliases.add(new Alias<>(key, words.size(), Strength.EXACT, column));
            SYNONYMS.getOrDefault(key, List.of()).forEach(s -> {
                List<String> sw = Words.split(s);
                aliases.add(new Alias<>(Words.key(sw), sw.size(), Strength.DERIVED, column));
            });
            // address2 -> "second address"
            String last = words.get(words.size() - 1);
            if (words.size() > 1 && ORDINALS.containsKey(last)) {
                List<String> ordinal = new ArrayList<>();
                ordinal.add(ORDINALS.get(last));
                ordinal.addAll(words.subList(0, words.size() - 1));
                aliases.add(new Alias<>(Words.key(ordinal), ordinal.size(), Strength.DERIVED, column));
            }
            // customer_id -> "customer"; CustomerID -> "customer"
            if (words.size() > 1 && words.get(words.size() - 1).equals("id")) {
                List<String> base = words.subList(0, words.size() - 1);
                aliases.add(new Alias<>(Words.key(base), base.size(), Strength.DERIVED, column));
                aliases.add(new Alias<>(Words.key(base) + "number", base.size() + 1, Strength.DERIVED, column));
            }
            // product_name on products -> "name"; rental_date on rental -> "date"
            if (words.size() > entityWords.size()
                    && Words.key(words.subList(0, entityWords.size())).equals(entityKey)) {
                List<String> rest = words.subList(entityWords.size(), words.size());
                aliases.add(new Alias<>(Words.key(rest), rest.size(), Strength.DERIVED, column));
            }
            column.comment().ifPresent(comment -> {
                for (List<String> synonym : commentSynonyms(comment)) {
                    aliases.add(new Alias<>(Words.key(synonym), synonym.size(), Strength.COMMENT, column));
                }
            });
            // unit_price -> "price", rental_rate -> "rate": a trailing or leading word on its own
            if (words.size() > 1) {
                for (int from = 0; from < words.size(); from++) {
                    for (int to = from + 1; to <= words.size(); to++) {
                        if (to - from == words.size()) {
                            continue;
                        }
                        List<String> part = words.subList(from, to);
                        if (part.size() > 1
                                && (Words.COMMON.contains(part.get(0))
                                        || Words.COMMON.contains(part.get(part.size() - 1)))) {
                            continue;
                        }
                        if (part.size() == 1
                                && (part.get(0).length() < 3
                                        || Words.COMMON.contains(part.get(0))
                                        || part.get(0).equals("id"))) {
                            continue;
                        }
                        aliases.add(new Alias<>(Words.key(part), part.size(), Strength.PARTIAL, column));
                    }
                }
            }
        }
        return aliases;
    }

    /**
     * Synonyms from a comment: each comma- or semicolon-separated part of at most three words
     * ("Movies, the titles that can be rented" gives "movies").
     */
    static List<List<String>> commentSynonyms(String comment) {
        List<List<String>> synonyms = new ArrayList<>();
        for (String part : comment.split("[,;:()/.]")) {
            String cleaned = part.strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceFirst("^(also known as|also called|aka|a\\.k\\.a|or|the|a|an)\\s+", "");
            if (cleaned.isEmpty() || !Words.isAscii(cleaned)) {
                continue;
            }
            List<String> words = List.of(cleaned.split("\\s+"));
            if (words.size() <= 3) {
                synonyms.add(words);
            }
        }
        return synonyms;
    }

    // ---- column roles ---------------------------------------------------------------------------

    static boolean filterable(ColumnView column) {
        return column.has(FieldRole.FILTER) && !column.has(FieldRole.MASKED);
    }

    static boolean isTemporal(ColumnView column) {
        return column.type().isTemporal();
    }

    /** The column that names a row: name, title, {@code <entity>_name}, the entity-named column, ... */
    static Optional<ColumnView> nameColumn(EntityInfo entity, boolean title) {
        List<ColumnView> text = entity.columns().stream()
                .filter(c -> c.type() == ValueType.TEXT && !c.has(FieldRole.MASKED))
                .toList();
        String entityKey = Words.key(entity.nameWords());
        List<Predicate<ColumnView>> rules = new ArrayList<>();
        if (title) {
            rules.add(c -> Words.key(Words.split(c.name())).equals("title"));
        }
        rules.add(c -> Words.key(Words.split(c.name())).equals("name"));
        rules.add(c -> Words.key(Words.split(c.name())).equals(entityKey + "name"));
        rules.add(c -> Words.key(Words.split(c.name())).equals(entityKey));
        rules.add(c -> Words.key(Words.split(c.name())).equals("fullname"));
        rules.add(c -> Words.key(Words.split(c.name())).equals("firstname"));
        rules.add(c -> Words.key(Words.split(c.name())).equals("companyname"));
        rules.add(c -> Words.key(Words.split(c.name())).equals("title"));
        rules.add(c -> Words.key(Words.split(c.name())).endsWith("name") && c.has(FieldRole.CREATE_REQUIRED));
        rules.add(c -> Words.key(Words.split(c.name())).endsWith("name"));
        rules.add(c -> c.has(FieldRole.CREATE_REQUIRED) && !c.has(FieldRole.PRIMARY_KEY));
        for (Predicate<ColumnView> rule : rules) {
            Optional<ColumnView> found = text.stream().filter(rule).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The column a date comparison without a field means: the entity's own date, a creation date, ... */
    static Optional<ColumnView> dateColumn(EntityInfo entity) {
        String entityKey = Words.key(entity.nameWords());
        ColumnView best = null;
        int bestScore = -1;
        for (ColumnView column : entity.columns()) {
            if (!isTemporal(column) || column.type() == ValueType.TIME) {
                continue;
            }
            String key = Words.key(Words.split(column.name()));
            int score;
            if (key.startsWith(entityKey)) {
                score = 4;
            } else if (key.matches("(create|created|creation|hire|start|join|joined)(date|at|on|time)?.*")) {
                score = 3;
            } else if (key.equals("date")) {
                score = 3;
            } else if (key.contains("update") || key.contains("modified") || key.contains("changed")) {
                score = 0;
            } else {
                score = 1;
            }
            if (filterable(column)) {
                score *= 2;
            }
            if (score > bestScore) {
                best = column;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The column an amount comparison without a field means, when exactly one money-like column exists (a rate
     * counts: a film's rental rate and replacement cost leave "the most expensive film" unsaid).
     */
    static Optional<ColumnView> amountColumn(EntityInfo entity) {
        List<ColumnView> money = entity.columns().stream()
                .filter(c -> c.type().isNumeric()
                        && !c.has(FieldRole.PRIMARY_KEY)
                        && !c.name().endsWith("_id"))
                .filter(c -> Words.key(Words.split(c.name()))
                        .matches(".*(price|amount|total|cost|rate|freight|salary|fee|balance|revenue|value).*"))
                .toList();
        if (money.size() == 1) {
            return Optional.of(money.get(0));
        }
        List<ColumnView> main = money.stream()
                .filter(c -> Words.key(Words.split(c.name())).matches(".*(price|amount|total).*"))
                .toList();
        return main.size() == 1 ? Optional.of(main.get(0)) : Optional.empty();
    }

    /** The column "longer than" or "shorter than" means: length, duration, running time. */
    static Optional<ColumnView> lengthColumn(EntityInfo entity) {
        return entity.columns().stream()
                .filter(c -> c.type().isNumeric())
                .filter(c -> Words.key(Words.split(c.name())).matches("(length|duration|runtime|runningtime)"))
                .findFirst();
    }

    /** An e-mail column, if the entity has exactly one. */
    static Optional<ColumnView> emailColumn(EntityInfo entity) {
        List<ColumnView> mail = entity.columns().stream()
                .filter(c -> c.type() == ValueType.TEXT
                        && c.name().toLowerCase(Locale.ROOT).contains("mail"))
                .toList();
        return mail.size() == 1 ? Optional.of(mail.get(0)) : Optional.empty();
    }
}
