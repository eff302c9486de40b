package dev.tabletalk.core.rows;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row as it is and as it will be. For a create, {@code key} is empty and {@code before}
 * is empty; {@code after} may hold {@link Placeholder}s.
 */
public record RowChange(Optional<RowKey> key, Map<String, Object> before, Map<String, Object> after) {

    public RowChange {
        Objects.requireNonNull(key, "key");
        before = RowSet.copyRow(before);
        after = RowSet.copyRow(after);
    }

    public static RowChange insert(Map<String, ?> after) {
        return new RowChange(Optional.empty(), Map.of(), RowSet.copyRow(after));
    }
}
