package dev.tabletalk.core.plan;

import java.util.Objects;

/** An ordering of read results by one field. */
public record Sort(String field, boolean descending) {

    public Sort {
        Objects.requireNonNull(field, "field");
    }

    public static Sort ascending(String field) {
        return new Sort(field, false);
    }

    public static Sort descending(String field) {
        return new Sort(field, true);
    }
}
