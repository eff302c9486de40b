package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;

/** An index over one or more columns, in index order. */
public record Index(String name, List<String> columns, boolean unique) {

    public Index {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no columns");
        }
    }
}
