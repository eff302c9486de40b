package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds an entity's soft-delete marker by name and type: a nullable {@code deleted_at} or {@code archived_at}
 * timestamp, or an {@code is_deleted}, {@code deleted} or {@code archived} boolean, in that order of preference
 * (names compared case-insensitively). A column of the right name but the wrong type (or a timestamp that cannot
 * be NULL, which would make every row deleted) is not a marker. Configuration will be able to override this
 * ({@code entities.<name>.softDelete}, #14) through {@link dev.tabletalk.core.catalog.Entity#withSoftDelete}.
 */
final class SoftDeleteDetection {

    private static final List<String> TIMESTAMPS = List.of("deleted_at", "archived_at");
    private static final List<String> BOOLEANS = List.of("is_deleted", "deleted", "archived");

    private SoftDeleteDetection() {}

    /** The marker among {@code columns}, if any. */
    static Optional<SoftDelete> detect(List<Column> columns) {
        for (String name : TIMESTAMPS) {
            Optional<Column> column = named(columns, name);
            if (column.isPresent()
                    && isTimestamp(column.get().type())
                    && column.get().nullable()) {
                return Optional.of(new SoftDelete(
                        column.get().name(),
                        SoftDelete.Kind.TIMESTAMP,
                        "nullable timestamp " + column.get().name()
                                + ": a row is deleted once it is set, and \"delete\" sets it"));
            }
        }
        for (String name : BOOLEANS) {
            Optional<Column> column = named(columns, name);
            if (column.isPresent() && column.get().type() == ValueType.BOOLEAN) {
                return Optional.of(new SoftDelete(
                        column.get().name(),
                        SoftDelete.Kind.BOOLEAN,
                        "boolean " + column.get().name()
                                + ": a row is deleted while it is true, and \"delete\" sets it"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Column> named(List<Column> columns, String name) {
        return columns.stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst();
    }

    private static boolean isTimestamp(ValueType type) {
        return type == ValueType.TIMESTAMP || type == ValueType.TIMESTAMP_TZ;
    }
}
