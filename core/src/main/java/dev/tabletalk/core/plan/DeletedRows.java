package dev.tabletalk.core.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * Which rows of an entity with a soft-delete marker a plan reaches. Entities without a marker have no deleted
 * rows: for them only {@link #EXCLUDED} (the default) is meaningful.
 */
public enum DeletedRows {
    /** Live rows only: the default of every read and update. */
    EXCLUDED,
    /** Live and deleted rows ("including deleted"). */
    INCLUDED,
    /** Deleted rows only ("show deleted customers", and what a restore targets). */
    ONLY;

    /** The lower-case name used in JSON: {@code excluded}, {@code included}, {@code only}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value with exactly this wire name. */
    public static Optional<DeletedRows> fromWireName(String name) {
        for (DeletedRows rows : values()) {
            if (rows.wireName().equals(name)) {
                return Optional.of(rows);
            }
        }
        return Optional.empty();
    }
}
