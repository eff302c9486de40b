package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.catalog.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CatalogOverrides} matched to the entities and columns of a catalog read without them: the problems, and
 * for the assembler the overrides by qualified entity name and exact column name.
 *
 * @param problems every entry that cannot apply, in the file's order
 * @param entities the entity overrides by qualified name, their columns keyed by exact column name
 * @param entityKeys the key each entity's override was written under (for reasons)
 * @param hiddenByTenancy the qualified names of entities hidden by {@code tenancy.entities}, with their key
 */
record OverrideResolution(
        List<OverrideProblem> problems,
        Map<String, EntityOverride> entities,
        Map<String, String> entityKeys,
        Map<String, String> hiddenByTenancy) {

    private static final String REMOVE = "remove the entry";

    static OverrideResolution resolve(CatalogOverrides overrides, EntityCatalog catalog, CatalogOptions options) {
        List<OverrideProblem> problems = new ArrayList<>();
        Map<String, EntityOverride> entities = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        Map<String, String> hidden = new LinkedHashMap<>();
        if (overrides.isEmpty()) {
            return new OverrideResolution(problems, entities, keys, hidden);
        }
        ExposureRules rules = new ExposureRules(options);
        Names names = new Names(catalog);
        overrides.entities().forEach((name, override) -> {
            String key = "entities." + name;
            Optional<Entity> entity = names.find(name, key, problems);
            if (entity.isEmpty()) {
                return;
            }
            if (keys.containsKey(entity.get().qualifiedName())) {
                problems.add(new OverrideProblem(
                        key,
                        "names the same entity as entities."
                                + keys.get(entity.get().qualifiedName()) + ": keep one entry"));
                return;
            }
            Map<String, ColumnOverride> columns = checkColumns(key, entity.get(), override, rules, problems);
            checkExposure(key, entity.get(), override, columns, rules, problems);
            override.softDelete().ifPresent(marker -> checkSoftDelete(key, entity.get(), marker, problems));
            keys.put(entity.get().qualifiedName(), name);
            entities.put(
                    entity.get().qualifiedName(),
                    new EntityOverride(override.exposure(), columns, override.softDelete(), override.allowSecret()));
        });
        if (!overrides.tenancy().isEmpty()) {
            Tenancies tenancies = catalog.tenancies(options.tenantColumn());
            Set<String> seen = new HashSet<>();
            overrides.tenancy().forEach((name, value) -> {
                String key = "tenancy.entities." + name;
                Optional<Entity> entity = names.find(name, key, problems);
                if (entity.isEmpty()) {
                    return;
                }
                if (!seen.add(entity.get().qualifiedName())) {
                    problems.add(
                            new OverrideProblem(key, "names an entity that already has a tenancy entry: keep one"));
                    return;
                }
                checkTenancy(key, entity.get(), value, tenancies, problems);
                if (value == TenancyOverride.HIDDEN) {
                    hidden.put(entity.get().qualifiedName(), name);
                }
            });
        }
        return new OverrideResolution(List.copyOf(problems), entities, keys, hidden);
    }

    private static Map<String, ColumnOverride> checkColumns(
            String key, Entity entity, EntityOverride override, ExposureRules rules, List<OverrideProblem> problems) {
        Map<String, ColumnOverride> resolved = new LinkedHashMap<>();
        override.columns().forEach((name, column) -> {
            String columnKey = key + ".columns." + name;
            Optional<Column> found = column(entity, name);
            if (found.isEmpty()) {
                problems.add(new OverrideProblem(
                        columnKey,
                        "no column " + name + " in " + entity.name()
                                + closest(
                                        name,
                                        entity.columns().stream()
                                                .map(Column::name)
                                                .toList())));
                return;
            }
            Column base = found.get();
            if (resolved.containsKey(base.name())) {
                problems.add(new OverrideProblem(columnKey, "names the column " + base.name() + " twice: keep one"));
                return;
            }
            boolean shows = column.exposure() != ColumnExposure.HIDDEN;
            boolean secret = false;
            if (base.isHidden()) {
                String denied = rules.deniedColumn(entity.schema(), entity.name(), base.name());
                if (denied != null) {
                    if (shows) {
                        problems.add(new OverrideProblem(
                                columnKey,
                                "the column is hidden by the configured deny pattern " + denied
                                        + ": remove the pattern, or " + REMOVE));
                        return;
                    }
                } else {
                    secret = true;
                }
            }
            if (shows && secret && !column.allowSecret()) {
                problems.add(new OverrideProblem(
                        columnKey,
                        "TableTalk hides " + entity.name() + "." + base.name() + " (" + base.reason()
                                + "); showing it needs allowSecret: true on this entry (doctor warns about it), or "
                                + REMOVE));
                return;
            }
            if (column.allowSecret() && !(shows && secret)) {
                problems.add(new OverrideProblem(
                        columnKey,
                        "allowSecret is only for showing a column TableTalk hides as a secret, and " + base.name()
                                + " is not one (or stays hidden): remove allowSecret"));
                return;
            }
            resolved.put(base.name(), column);
        });
        return resolved;
    }

    private static void checkExposure(
            String key,
            Entity entity,
            EntityOverride override,
            Map<String, ColumnOverride> columns,
            ExposureRules rules,
            List<OverrideProblem> problems) {
        Optional<Exposure> wanted = override.exposure();
        boolean shows = wanted.isPresent() && wanted.get() != Exposure.HIDDEN;
        boolean secret = false;
        if (entity.exposure() == Exposure.HIDDEN && shows) {
            String denied = rules.deniedTable(entity.schema(), entity.name());
            if (denied != null) {
                problems.add(new OverrideProblem(
                        key,
                        "the table is hidden by the configured deny pattern " + denied + ": remove the pattern, or "
                                + REMOVE));
                return;
            }
            secret = true;
            if (!override.allowSecret()) {
                problems.add(new OverrideProblem(
                        key,
                        "TableTalk hides " + entity.name() + " (" + entity.reason() + "); exposing it needs "
                                + "allowSecret: true on this entry (doctor warns about it), or " + REMOVE));
                return;
            }
        }
        if (override.allowSecret() && !secret) {
            problems.add(new OverrideProblem(
                    key,
                    "allowSecret is only for exposing a table TableTalk hides as a secret, system, authentication or "
                            + "migration table, and " + entity.name() + " is not one (or stays hidden): remove "
                            + "allowSecret"));
            return;
        }
        if (wanted.isPresent() && wanted.get() == Exposure.READ_WRITE) {
            if (entity.kind() == EntityKind.VIEW) {
                problems.add(new OverrideProblem(
                        key, entity.name() + " is a view: it can be read_only or hidden, not read_write"));
            } else if (!entity.hasPrimaryKey()) {
                problems.add(new OverrideProblem(
                        key,
                        entity.name() + " has no primary key, so its rows cannot be addressed one by one: it can be "
                                + "read_only or hidden, not read_write"));
            } else {
                for (String keyColumn : entity.primaryKey()) {
                    ColumnExposure exposure = Optional.ofNullable(columns.get(keyColumn))
                            .map(ColumnOverride::exposure)
                            .orElseGet(() -> entity.column(keyColumn)
                                    .map(Column::exposure)
                                    .orElse(ColumnExposure.VISIBLE));
                    if (exposure == ColumnExposure.HIDDEN) {
                        problems.add(new OverrideProblem(
                                key,
                                "its primary key column " + keyColumn + " is hidden, so rows cannot be addressed: "
                                        + "it can be read_only or hidden, not read_write"));
                        return;
                    }
                }
            }
        }
    }

    private static void checkSoftDelete(
            String key, Entity entity, SoftDeleteOverride marker, List<OverrideProblem> problems) {
        if (marker.column().isEmpty()) {
            return;
        }
        String name = marker.column().get();
        String markerKey = key + ".softDelete";
        Optional<Column> column = column(entity, name);
        if (column.isEmpty()) {
            problems.add(new OverrideProblem(
                    markerKey,
                    "no column " + name + " in " + entity.name()
                            + closest(
                                    name,
                                    entity.columns().stream().map(Column::name).toList())));
            return;
        }
        ValueType type = column.get().type();
        boolean timestamp = type == ValueType.TIMESTAMP || type == ValueType.TIMESTAMP_TZ;
        if (timestamp && !column.get().nullable()) {
            problems.add(new OverrideProblem(
                    markerKey,
                    column.get().name() + " cannot be NULL, so every row would count as deleted: choose a nullable "
                            + "timestamp or a boolean column"));
        } else if (!timestamp && type != ValueType.BOOLEAN) {
            problems.add(new OverrideProblem(
                    markerKey,
                    column.get().name() + " is neither a timestamp nor a boolean: a soft-delete marker is a nullable "
                            + "timestamp (set when deleted) or a boolean (true when deleted)"));
        }
    }

    private static void checkTenancy(
            String key, Entity entity, TenancyOverride value, Tenancies tenancies, List<OverrideProblem> problems) {
        if (value == TenancyOverride.HIDDEN) {
            return;
        }
        Tenancy decided = tenancies.of(entity);
        if (decided.kind().equals(value.word())) {
            return;
        }
        String name = entity.name();
        String fix = "; use 'hidden' or " + REMOVE;
        String what = "tenancy '" + value.word() + "'";
        String message;
        if (decided instanceof Tenancy.Direct direct) {
            message = what + " would loosen isolation: " + name + " has the tenant column " + direct.column() + fix;
        } else if (decided instanceof Tenancy.Via via) {
            message = what + " would loosen isolation: the rows of " + name + " belong to tenants through "
                    + via.paths().get(0).describe() + fix;
        } else if (decided instanceof Tenancy.Hidden hiddenTenancy) {
            message =
                    what + " would expose rows that cannot be tied to a tenant (" + hiddenTenancy.reason() + ")" + fix;
        } else if (value == TenancyOverride.DIRECT) {
            message =
                    what + " cannot be configured: " + name + " has no tenant column " + tenancies.tenantColumn() + fix;
        } else {
            message = what + " cannot be configured: no foreign key of " + name + " leads to a table with the "
                    + "tenant column " + tenancies.tenantColumn() + fix;
        }
        problems.add(new OverrideProblem(key, message));
    }

    /** A column by exact name, else by a unique case-insensitive match. */
    private static Optional<Column> column(Entity entity, String name) {
        Optional<Column> exact = entity.column(name);
        if (exact.isPresent()) {
            return exact;
        }
        List<Column> folded = entity.columns().stream()
                .filter(c -> c.name().equalsIgnoreCase(name))
                .toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /** {@code "; did you mean X?"} for the candidate closest to {@code name}, or nothing without candidates. */
    static String closest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String folded = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(folded, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Entity names as overrides write them: the plain name when unique, else {@code schema.name}. */
    private static final class Names {
        private final Map<String, List<Entity>> byName = new HashMap<>();
        private final Map<String, Entity> byQualified = new HashMap<>();
        private final List<String> written = new ArrayList<>();

        Names(EntityCatalog catalog) {
            for (Entity entity : catalog.entities()) {
                byName.computeIfAbsent(entity.name(), k -> new ArrayList<>()).add(entity);
                byQualified.put(entity.qualifiedName(), entity);
            }
            for (Entity entity : catalog.entities()) {
                written.add(byName.get(entity.name()).size() == 1 ? entity.name() : entity.qualifiedName());
            }
        }

        Optional<Entity> find(String name, String key, List<OverrideProblem> problems) {
            Entity qualified = byQualified.get(name);
            if (qualified != null) {
                return Optional.of(qualified);
            }
            List<Entity> plain = byName.getOrDefault(name, List.of());
            if (plain.size() == 1) {
                return Optional.of(plain.get(0));
            }
            if (plain.size() > 1) {
                problems.add(new OverrideProblem(
                        key,
                        "there are " + plain.size() + " entities named " + name + " (in "
                                + String.join(
                                        ", ", plain.stream().map(Entity::schema).toList())
                                + "): write schema." + name));
                return Optional.empty();
            }
            List<Entity> folded = new ArrayList<>();
            for (Entity entity : byQualified.values()) {
                if (entity.qualifiedName().equalsIgnoreCase(name)
                        || entity.name().equalsIgnoreCase(name)) {
                    folded.add(entity);
                }
            }
            if (folded.size() == 1) {
                return Optional.of(folded.get(0));
            }
            problems.add(new OverrideProblem(key, "no table or view named " + name + closest(name, written)));
            return Optional.empty();
        }
    }
}
