package dev.tabletalk.core.catalog;

/** How a column's values may be shown. */
public enum ColumnExposure {
    VISIBLE,
    /** Shown masked ({@code j***@example.com}); never filtered by, never sent unmasked. */
    MASKED,
    /** Never read, written, filtered, ordered by or named. */
    HIDDEN
}
