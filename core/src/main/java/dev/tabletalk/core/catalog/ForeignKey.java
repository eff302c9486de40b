package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key from {@code columns} of the owning entity to {@code targetColumns} of
 * {@code targetSchema.targetEntity}, position by position.
 */
public record ForeignKey(
        String name, List<String> columns, String targetSchema, String targetEntity, List<String> targetColumns) {

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(targetSchema, "targetSchema");
        Objects.requireNonNull(targetEntity, "targetEntity");
        targetColumns = List.copyOf(targetColumns);
        if (columns.isEmpty() || columns.size() != targetColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs matching column lists");
        }
    }
}
