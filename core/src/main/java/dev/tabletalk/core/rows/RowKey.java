package dev.tabletalk.core.rows;

import java.util.Map;

/** The primary-key values of one row, column to value, in key order. */
public record RowKey(Map<String, Object> values) {

    public RowKey {
        values = RowSet.copyRow(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a row key needs at least one column");
        }
    }

    public static RowKey of(String column, Object value) {
        return new RowKey(Map.of(column, value));
    }

    public static RowKey of(Map<String, ?> values) {
        return new RowKey(RowSet.copyRow(values));
    }

    @Override
    public String toString() {
        return values.size() == 1 ? String.valueOf(values.values().iterator().next()) : values.toString();
    }
}
