package dev.tabletalk.core.policy;

import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one role may do: the intents it may use on every entity, per-entity overrides, optionally its own cap on
 * rows changed by one update, and per entity the columns it may see or set and the rows it may reach.
 *
 * <p><b>Columns</b> ({@link #withColumns}): on an entity with a column grant, every other column is for this role
 * exactly what a hidden column is for everyone (invariant 6): it cannot be read, filtered, sorted, aggregated, set
 * or named back, and answers like a column that does not exist; the default fields of a read shrink to the granted
 * ones, and a foreign key's label never shows an ungranted column of the parent. The primary key always stays
 * visible (it is how a row is named in previews and paging). A create of an entity whose required column (no
 * default, not generated, not the tenant column) is not granted is refused as the role's ({@code role_forbids}),
 * without naming the column.
 *
 * <p><b>Rows</b> ({@link #withRowRules}): declarative conditions ({@link Filter}, {@link AnyOf}, {@link Not}; never
 * SQL, and no links to other entities) whose values may be {@link ClaimValue}s. The executor ANDs them into every
 * read, aggregate, relationship and label sub-select, update preview and confirm on that entity, and a create or
 * update whose resulting row would fall outside them is refused at preview and again at confirm
 * ({@code outside_row_rules}).
 *
 * @param intents intents allowed on entities without an override
 * @param entityIntents per entity reference, the intents allowed there (replacing {@code intents})
 * @param maxAffectedRows this role's update cap; empty means the limits' cap
 * @param columns per entity reference, the only columns this role may see or set there; absent means all visible
 * @param rowRules per entity reference, the conditions every row this role reaches there must meet
 */
public record RoleGrant(
        Set<Intent> intents,
        Map<String, Set<Intent>> entityIntents,
        OptionalInt maxAffectedRows,
        Map<String, Set<String>> columns,
        Map<String, List<Condition>> rowRules) {

    /** The entity name that stands for every entity in {@link #forEntities}. */
    public static final String EVERY_ENTITY = "*";

    public RoleGrant {
        intents = Set.copyOf(intents);
        var copied = new HashMap<String, Set<Intent>>();
        entityIntents.forEach((entity, allowed) -> copied.put(entity, Set.copyOf(allowed)));
        entityIntents = Map.copyOf(copied);
        Objects.requireNonNull(maxAffectedRows, "maxAffectedRows");
        var granted = new HashMap<String, Set<String>>();
        columns.forEach((entity, names) -> granted.put(entity, Set.copyOf(names)));
        columns = Map.copyOf(granted);
        var rules = new HashMap<String, List<Condition>>();
        rowRules.forEach((entity, conditions) -> {
            conditions.forEach(RoleGrant::checkRule);
            rules.put(entity, List.copyOf(conditions));
        });
        rowRules = Map.copyOf(rules);
        if (intents.contains(Intent.UNKNOWN)) {
            throw new IllegalArgumentException("'unknown' is not an intent that can be granted");
        }
    }

    /** A grant of intents only, on every entity, every column and every row. */
    public RoleGrant(Set<Intent> intents, Map<String, Set<Intent>> entityIntents, OptionalInt maxAffectedRows) {
        this(intents, entityIntents, maxAffectedRows, Map.of(), Map.of());
    }

    public static RoleGrant of(Intent... intents) {
        Set<Intent> set = intents.length == 0 ? Set.of() : EnumSet.of(intents[0], intents);
        return new RoleGrant(set, Map.of(), OptionalInt.empty());
    }

    /**
     * A grant from the entities allowed per intent, as a configuration file writes it
     * ({@code read: "*", update: [customers]}): {@link #EVERY_ENTITY} allows the intent on every entity, a list only
     * on the entities named. An intent not in the map is allowed nowhere.
     */
    public static RoleGrant forEntities(Map<Intent, ? extends Set<String>> entitiesByIntent) {
        Set<Intent> everywhere = EnumSet.noneOf(Intent.class);
        Map<String, Set<Intent>> named = new HashMap<>();
        entitiesByIntent.forEach((intent, entities) -> {
            if (entities.contains(EVERY_ENTITY)) {
                everywhere.add(intent);
            }
        });
        entitiesByIntent.forEach((intent, entities) -> {
            for (String entity : entities) {
                if (!entity.equals(EVERY_ENTITY)) {
                    named.computeIfAbsent(entity, e -> EnumSet.copyOf(everywhere))
                            .add(intent);
                }
            }
        });
        return new RoleGrant(everywhere, named, OptionalInt.empty());
    }

    public RoleGrant withMaxAffectedRows(int cap) {
        return new RoleGrant(intents, entityIntents, OptionalInt.of(cap), columns, rowRules);
    }

    public RoleGrant withEntity(String entity, Set<Intent> allowed) {
        var copy = new HashMap<>(entityIntents);
        copy.put(entity, Set.copyOf(allowed));
        return new RoleGrant(intents, copy, maxAffectedRows, columns, rowRules);
    }

    /**
     * This grant with only {@code granted} of {@code entity}'s columns visible to the role (the primary key always
     * is): see the class comment. Replaces an earlier column grant of that entity.
     */
    public RoleGrant withColumns(String entity, Set<String> granted) {
        Objects.requireNonNull(entity, "entity");
        var copy = new HashMap<>(columns);
        copy.put(entity, Set.copyOf(granted));
        return new RoleGrant(intents, entityIntents, maxAffectedRows, copy, rowRules);
    }

    /**
     * This grant with {@code rules} binding every row of {@code entity} the role reaches or writes: see the class
     * comment. Replaces earlier rules of that entity.
     *
     * @throws IllegalArgumentException when a rule is not a filter, {@code anyOf} or {@code not} tree
     */
    public RoleGrant withRowRules(String entity, List<? extends Condition> rules) {
        Objects.requireNonNull(entity, "entity");
        var copy = new HashMap<>(rowRules);
        copy.put(entity, List.copyOf(rules));
        return new RoleGrant(intents, entityIntents, maxAffectedRows, columns, copy);
    }

    public boolean allows(Intent intent, String entity) {
        return entityIntents.getOrDefault(entity, intents).contains(intent);
    }

    /** The columns granted on the entity known by any of {@code names} (reference, qualified name), if restricted. */
    public Optional<Set<String>> columnsOf(String... names) {
        for (String name : names) {
            Set<String> granted = columns.get(name);
            if (granted != null) {
                return Optional.of(granted);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code column} is among {@code granted} (names compare ignoring case, as the catalog resolves them). */
    public static boolean isGranted(Set<String> granted, String column) {
        if (granted.contains(column)) {
            return true;
        }
        String folded = column.toLowerCase(Locale.ROOT);
        for (String name : granted) {
            if (name.toLowerCase(Locale.ROOT).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /** The row rules of the entity known by any of {@code names}; empty when its rows are not restricted. */
    public List<Condition> rowRulesOf(String... names) {
        for (String name : names) {
            List<Condition> rules = rowRules.get(name);
            if (rules != null) {
                return rules;
            }
        }
        return List.of();
    }

    /** The fields every row rule of {@code entity} names, in order, without repeats. */
    public static List<String> ruleFields(List<Condition> rules) {
        Set<String> fields = new LinkedHashSet<>();
        for (Filter leaf : Condition.leavesOf(rules)) {
            fields.add(leaf.field());
        }
        return new ArrayList<>(fields);
    }

    private static void checkRule(Condition rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule instanceof AnyOf anyOf) {
            if (anyOf.items().isEmpty()) {
                throw new IllegalArgumentException("a row rule's anyOf needs at least one item");
            }
            anyOf.items().forEach(RoleGrant::checkRule);
        } else if (rule instanceof Not not) {
            checkRule(not.item());
        } else if (!(rule instanceof Filter)) {
            throw new IllegalArgumentException(
                    "a row rule is a filter, anyOf or not on the entity's own fields, not a link: " + rule);
        }
    }
}
