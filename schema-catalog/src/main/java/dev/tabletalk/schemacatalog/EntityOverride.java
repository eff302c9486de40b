package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Exposure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's settings for one entity ({@code entities.<name>}).
 *
 * @param exposure hidden, read-only or read-write; empty keeps the catalog's decision
 * @param columns per-column exposure, by column name (in the file's order)
 * @param softDelete the soft-delete marker; empty keeps the one the catalog detects
 * @param allowSecret required to expose an entity the catalog hides as a secret, system, authentication or
 *     migration table; {@code doctor} warns about every such entry
 */
public record EntityOverride(
        Optional<Exposure> exposure,
        Map<String, ColumnOverride> columns,
        Optional<SoftDeleteOverride> softDelete,
        boolean allowSecret) {

    public EntityOverride {
        Objects.requireNonNull(exposure, "exposure");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        columns.forEach((name, column) -> {
            Objects.requireNonNull(name, "column name");
            Objects.requireNonNull(column, "column override");
        });
        Objects.requireNonNull(softDelete, "softDelete");
    }

    /** Only this exposure. */
    public static EntityOverride exposure(Exposure exposure) {
        return new EntityOverride(Optional.of(exposure), Map.of(), Optional.empty(), false);
    }

    /** Only these columns. */
    public static EntityOverride columns(Map<String, ColumnOverride> columns) {
        return new EntityOverride(Optional.empty(), columns, Optional.empty(), false);
    }

    /** Only this soft-delete marker. */
    public static EntityOverride softDelete(SoftDeleteOverride marker) {
        return new EntityOverride(Optional.empty(), Map.of(), Optional.of(marker), false);
    }

    /** This entry with allowSecret set. */
    public EntityOverride withAllowSecret() {
        return new EntityOverride(exposure, columns, softDelete, true);
    }
}
