package dev.tabletalk.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a page of rows ended, so that the next page starts right after it ("show more", #13): the values of the
 * last row shown in the read's sort columns, then in the primary-key columns the ordering does not name already
 * ({@link #columnsOf}). Executors turn it into a seek condition over those columns, each in its own direction
 * (primary-key columns ascending), with NULL ordered below every value, so that paging never skips nor repeats a
 * row even when sort values repeat. The engine fills it from the executor's answer; a planner never does.
 *
 * @param columns the column names, sort columns first, then the rest of the primary key (at least one)
 * @param values the last row's value of each column, in {@code columns} order ({@code null} for an empty value)
 */
public record Keyset(List<String> columns, List<Object> values) {

    public Keyset {
        columns = List.copyOf(columns);
        values = Collections.unmodifiableList(new ArrayList<>(values));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a keyset names at least one column");
        }
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(
                    "a keyset has one value per column: " + columns.size() + " columns, " + values.size() + " values");
        }
        if (new LinkedHashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("a keyset names each column once: " + columns);
        }
    }

    /** The value of {@code column}, which must be one of {@link #columns()}. */
    public Object value(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("not a column of this keyset: " + column);
        }
        return values.get(index);
    }

    /** Whether {@code column} is sorted descending in {@code orderBy} (primary-key columns not named there ascend). */
    public static boolean isDescending(String column, List<Sort> orderBy) {
        return orderBy.stream().anyMatch(sort -> sort.field().equals(column) && sort.descending());
    }

    /**
     * The columns a keyset of a read ordered by {@code orderBy} holds: the sort columns, then the primary-key
     * columns not sorted on already, so that the order is total and every page is stable.
     */
    public static List<String> columnsOf(List<Sort> orderBy, List<String> primaryKey) {
        Set<String> columns = new LinkedHashSet<>();
        orderBy.forEach(sort -> columns.add(Objects.requireNonNull(sort.field(), "field")));
        columns.addAll(primaryKey);
        return List.copyOf(columns);
    }
}
