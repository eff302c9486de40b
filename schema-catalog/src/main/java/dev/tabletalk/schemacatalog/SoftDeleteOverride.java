package dev.tabletalk.schemacatalog;

import java.util.Objects;
import java.util.Optional;

/**
 * An operator's soft-delete marker for one entity ({@code entities.<name>.softDelete}), replacing the one the
 * catalog detects by name and type.
 *
 * @param column the marker column (a nullable timestamp or a boolean); empty: the entity has no marker, even if
 *     a column looks like one
 */
public record SoftDeleteOverride(Optional<String> column) {

    public SoftDeleteOverride {
        Objects.requireNonNull(column, "column");
        if (column.isPresent() && column.get().isBlank()) {
            throw new IllegalArgumentException("a soft-delete marker needs a column name");
        }
    }

    /** This column is the marker. */
    public static SoftDeleteOverride column(String name) {
        return new SoftDeleteOverride(Optional.of(name));
    }

    /** No marker. */
    public static SoftDeleteOverride none() {
        return new SoftDeleteOverride(Optional.empty());
    }
}
