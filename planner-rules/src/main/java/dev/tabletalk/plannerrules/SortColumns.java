package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns a superlative without a field could sort by (#13): "latest", "oldest", "most recent" by a date,
 * "cheapest", "most expensive" by an amount. One column is used; several are asked about ({@link Ambiguity});
 * none leaves the words unplaced, so the request is refused.
 *
 * <p>A date sort uses the entity's own date ({@code order_date} of orders, {@code rental_date} of rentals), or a
 * creation date when the only other dates record when a row was last changed ({@code create_date} beside
 * {@code last_update}); otherwise every date (and year) column is a candidate: "the oldest employees" may go by
 * {@code birth_date} or {@code hire_date}, "the latest films" by {@code release_year} or {@code last_update}.
 */
final class SortColumns {

    private SortColumns() {}

    /** The columns a date superlative could sort {@code entity} by: one when it is clear, best first. */
    static List<ColumnView> dates(EntityInfo entity) {
        String entityKey = Words.key(entity.nameWords());
        List<ColumnView> dates = entity.columns().stream()
                .filter(SchemaIndex::filterable)
                .filter(c -> SchemaIndex.isTemporal(c) && c.type() != ValueType.TIME || isYear(c))
                .toList();
        List<ColumnView> own =
                dates.stream().filter(c -> key(c).startsWith(entityKey)).toList();
        if (own.size() == 1) {
            return own;
        }
        List<ColumnView> changed = dates.stream().filter(SortColumns::isAudit).toList();
        List<ColumnView> others =
                dates.stream().filter(c -> !changed.contains(c)).toList();
        if (others.size() == 1 && key(others.get(0)).matches("(create|created|creation)(date|at|on|time)?")) {
            return others;
        }
        List<ColumnView> candidates = new ArrayList<>(others);
        candidates.addAll(changed);
        return List.copyOf(candidates);
    }

    /** The columns an amount superlative could sort {@code entity} by: one when it is clear. */
    static List<ColumnView> amounts(EntityInfo entity) {
        Optional<ColumnView> one = SchemaIndex.amountColumn(entity);
        if (one.isPresent()) {
            return List.of(one.get());
        }
        return entity.columns().stream()
                .filter(SchemaIndex::filterable)
                .filter(c -> c.type().isNumeric()
                        && !c.has(FieldRole.PRIMARY_KEY)
                        && c.references().isEmpty()
                        && !c.name().endsWith("_id"))
                .filter(c ->
                        key(c).matches(".*(price|amount|total|cost|rate|freight|salary|fee|balance|revenue|value).*"))
                .toList();
    }

    private static boolean isYear(ColumnView column) {
        return column.type() == ValueType.INTEGER && Words.split(column.name()).contains("year");
    }

    private static boolean isAudit(ColumnView column) {
        String key = key(column);
        return key.contains("update") || key.contains("modified") || key.contains("changed");
    }

    private static String key(ColumnView column) {
        return Words.key(Words.split(column.name()));
    }
}
