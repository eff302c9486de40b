package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.UpdatePlan;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which rows a write may reach on an entity with a soft-delete marker, decided from the plan alone so that the
 * preview and the confirm (which re-reads the same plan) always agree: an update that writes a "restored" value
 * to the marker (NULL or false) is a restore and reaches deleted rows only; every other update, a soft delete
 * included, reaches live rows only. Soft-deleted rows are never changed otherwise.
 */
public final class SoftDeletes {

    private SoftDeletes() {}

    /** The rows {@code update} reaches on {@code entity}. */
    public static DeletedRows rowsOf(Entity entity, UpdatePlan update) {
        Optional<SoftDelete> marker = entity.softDelete();
        if (marker.isEmpty() || !update.changes().containsKey(marker.get().column())) {
            return DeletedRows.EXCLUDED;
        }
        return marker.get().marksDeleted(update.changes().get(marker.get().column()))
                ? DeletedRows.EXCLUDED
                : DeletedRows.ONLY;
    }

    /**
     * {@code values} with a timestamp marker's {@link SoftDelete#NOW} replaced by {@code now} (UTC, to the second,
     * so every database stores the moment the preview showed); other values are returned unchanged.
     */
    public static Map<String, Object> resolveNow(Entity entity, Map<String, Object> values, Instant now) {
        Optional<SoftDelete> marker = entity.softDelete().filter(m -> m.kind() == SoftDelete.Kind.TIMESTAMP);
        if (marker.isEmpty()) {
            return values;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        values.forEach((field, value) -> resolved.put(
                field,
                entity.visibleColumn(field)
                                        .filter(c ->
                                                c.name().equals(marker.get().column()))
                                        .isPresent()
                                && value instanceof String text
                                && text.strip().equalsIgnoreCase(SoftDelete.NOW)
                        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                        : value));
        return resolved;
    }

    /** Whether {@code update} is a restore of soft-deleted rows. */
    public static boolean isRestore(Entity entity, UpdatePlan update) {
        return rowsOf(entity, update) == DeletedRows.ONLY;
    }

    /** Whether {@code update} soft-deletes rows (writes a "deleted" value to the marker). */
    public static boolean isSoftDelete(Entity entity, UpdatePlan update) {
        return entity.softDelete()
                .filter(m -> update.changes().containsKey(m.column()))
                .map(m -> m.marksDeleted(update.changes().get(m.column())))
                .orElse(false);
    }
}
