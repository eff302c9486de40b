package dev.tabletalk.core.rows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows read from the target database, masked where the catalog says so.
 *
 * @param columns the column names in display order
 * @param rows one map per row, column to value (values may be {@code null}), in {@code columns} order
 * @param hasMore whether more rows matched than were returned
 */
public record RowSet(List<String> columns, List<Map<String, Object>> rows, boolean hasMore) {

    public RowSet {
        columns = List.copyOf(columns);
        rows = rows.stream().map(RowSet::copyRow).toList();
    }

    public static RowSet empty(List<String> columns) {
        return new RowSet(columns, List.of(), false);
    }

    /**
     * Rows given as value arrays in {@code columns} order: the fast way for an adapter that reads a
     * result set, with no map per row (each array is copied once, then never changes).
     */
    public static RowSet ofValues(List<String> columns, List<Object[]> values, boolean hasMore) {
        List<String> names = List.copyOf(columns);
        String[] shared = Row.columnArray(names, names.size());
        List<Map<String, Object>> rows = new ArrayList<>(values.size());
        for (Object[] row : values) {
            rows.add(Row.of(shared, row));
        }
        return new RowSet(names, rows, hasMore);
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * A row as a light immutable map over {@code columns} and {@code values}, in order, taken as they are (not
     * copied): the caller hands over fresh arrays and never changes them (rows with the same columns may share one
     * column array). For rows on their way out, such as a reply's rows on the wire.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static Map<String, Object> rowOver(String[] columns, Object[] values) {
        return new Row(columns, values);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyRow(Map<String, ?> row) {
        Objects.requireNonNull(row, "row");
        if (row instanceof Row) {
            // already an immutable row of this package
            return (Map<String, Object>) row;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "column"), v));
        return Collections.unmodifiableMap(copy);
    }
}
