package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.rows.RowKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.Temporal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;

/** Turns fetched records into plain Java row maps, keys and value hashes. */
final class RowValues {

    private RowValues() {}

    /** The value at {@code index} of {@code record} as a plain Java value for replies. */
    static Object plain(Record record, int index) {
        return plain(record.get(index));
    }

    static Object plain(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Long
                || value instanceof BigDecimal
                || value instanceof Boolean
                || value instanceof Double
                || value instanceof Temporal
                || value instanceof UUID) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof byte[]) {
            return "(binary data)";
        }
        return value.toString();
    }

    /**
     * The row, column by column, masking masked columns; {@code columns} are the selected columns in
     * select order (the record's fields are read by position).
     */
    static Map<String, Object> shown(Record record, List<Column> columns) {
        Object[] values = values(record, columns);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), values[i]);
        }
        return row;
    }

    /** The row's values in {@code columns} (select) order, masking masked columns. */
    static Object[] values(Record record, List<Column> columns) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Object value = plain(record, i);
            values[i] = columns.get(i).isMasked() ? Masker.mask(value) : value;
        }
        return values;
    }

    /** The row's {@code shown} columns, read from a record that selected {@code selected}, masked where needed. */
    static Map<String, Object> shown(Record record, List<Column> shown, List<Column> selected) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : shown) {
            Object value = plain(record, indexOf(selected, column.name()));
            row.put(column.name(), column.isMasked() ? Masker.mask(value) : value);
        }
        return row;
    }

    /** The primary key of a record whose selected {@code columns} start with the entity's key columns. */
    static RowKey key(Record record, Entity entity, List<Column> columns) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String name : entity.primaryKey()) {
            int index = indexOf(columns, name);
            key.put(name, plain(record, index));
        }
        return RowKey.of(key);
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("key column " + name + " was not selected");
    }

    /** A SHA-256 over the rows' values in the given order: equal exactly when every value is equal. */
    static String hash(List<Map<String, Object>> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map<String, Object> row : rows) {
                row.forEach((name, value) -> {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(canonical(value).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                });
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0001null";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    /** Unmasked values of the selected {@code columns} (in select order), for hashing. */
    static Map<String, Object> raw(Record record, List<Column> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), plain(record, i));
        }
        return row;
    }
}
