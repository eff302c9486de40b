package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.ColumnExposure;
import java.util.Objects;

/**
 * An operator's exposure for one column ({@code entities.<name>.columns.<column>}).
 *
 * @param exposure hidden, masked or visible
 * @param allowSecret required to show (visible or masked) a column the catalog hides because its name says it
 *     holds a secret; {@code doctor} warns about every such entry
 */
public record ColumnOverride(ColumnExposure exposure, boolean allowSecret) {

    public ColumnOverride {
        Objects.requireNonNull(exposure, "exposure");
    }

    /** This exposure, without allowSecret. */
    public static ColumnOverride of(ColumnExposure exposure) {
        return new ColumnOverride(exposure, false);
    }
}
