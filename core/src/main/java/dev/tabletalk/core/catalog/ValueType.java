package dev.tabletalk.core.catalog;

/**
 * The portable kind of a column's values, as far as validation and conversation need it.
 *
 * <p>The native database type is kept beside it in {@link Column#nativeType()}.
 */
public enum ValueType {
    TEXT,
    INTEGER,
    DECIMAL,
    FLOAT,
    BOOLEAN,
    DATE,
    TIME,
    /** A timestamp without a time zone. */
    TIMESTAMP,
    /** A timestamp with a time zone or offset. */
    TIMESTAMP_TZ,
    UUID,
    JSON,
    BINARY,
    /** Anything else (arrays, geometry, ranges, ...): shown as text, never filtered or written. */
    OTHER;

    /** Whether values of this type can be compared with {@code <, <=, >, >=, between}. */
    public boolean isOrdered() {
        return switch (this) {
            case INTEGER, DECIMAL, FLOAT, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, TEXT -> true;
            default -> false;
        };
    }

    /** Whether a person or a plan may write or filter values of this type at all. */
    public boolean isConversational() {
        return switch (this) {
            case BINARY, OTHER, JSON -> false;
            default -> true;
        };
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOAT;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }
}
