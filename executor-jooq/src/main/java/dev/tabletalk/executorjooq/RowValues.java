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

    /** The value of {@code column} in {@code record} as a plain Java value for replies. */
    static Object plain(Record record, Column column) {
        Object value = record.get(Sql.field(column));
        return plain(value);
    }

    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof BigDecimal
                || value instanceof Boolean || value instanceof Double || value instanceof Temporal
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

    /** The row, column by column, masking masked columns. */
    static Map<String, Object> shown(Record record, List<Column> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : columns) {
            Object value = plain(record, column);
            row.put(column.name(), column.isMasked() ? Masker.mask(value) : value);
        }
        return row;
    }

    static RowKey key(Record record, Entity entity) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (Column column : Sql.primaryKey(entity)) {
            key.put(column.name(), plain(record, column));
        }
        return RowKey.of(key);
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

    /** Unmasked values of every non-hidden column, for hashing. */
    static Map<String, Object> raw(Record record, List<Column> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : columns) {
            row.put(column.name(), plain(record, column));
        }
        return row;
    }
}
