package dev.tabletalk.core.catalog;

import java.util.Objects;

/**
 * An entity's soft-delete marker: the column whose value says a row is deleted, so that "delete" can be an
 * UPDATE of that column and never a DELETE (invariant 1).
 *
 * @param column the marker column's name, exactly as the database spells it
 * @param kind a timestamp (set when deleted, NULL while live) or a boolean (true when deleted; NULL or false
 *     while live)
 * @param reason why this column is the marker, for the operator (detected by name and type, or configured)
 */
public record SoftDelete(String column, Kind kind, String reason) {

    /**
     * The value a planner writes to a timestamp marker to delete a row: the engine replaces it with its clock's
     * time before validation, so the preview shows, and the confirm writes, one exact moment.
     */
    public static final String NOW = "now";

    /** How the marker says "deleted". */
    public enum Kind {
        /** A nullable timestamp: NULL while live, the moment of deletion once deleted. */
        TIMESTAMP,
        /** A boolean: true once deleted; NULL or false while live. */
        BOOLEAN
    }

    public SoftDelete {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (column.isEmpty()) {
            throw new IllegalArgumentException("a soft-delete marker needs a column");
        }
    }

    /**
     * Whether {@code value}, written to the marker, marks a row deleted ({@code false}: it restores it). A NULL,
     * {@code false} or {@code "false"} marker is a live row; anything else is a deleted one.
     */
    public boolean marksDeleted(Object value) {
        if (value == null) {
            return false;
        }
        if (kind == Kind.BOOLEAN) {
            return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
        }
        return true;
    }

    /** The marker value a planner proposes to delete a row: {@link #NOW} for a timestamp, {@code true} for a boolean. */
    public Object deletedValue() {
        return kind == Kind.BOOLEAN ? Boolean.TRUE : NOW;
    }

    /** The marker value that restores a row: NULL for a timestamp, {@code false} for a boolean. */
    public Object restoredValue() {
        return kind == Kind.BOOLEAN ? Boolean.FALSE : null;
    }
}
