package dev.tabletalk.core.catalog;

import java.util.Objects;

/** A column's place in a form, with the reason it is there, for the operator. */
public record FormField(String column, String reason) {

    public FormField {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
    }
}
