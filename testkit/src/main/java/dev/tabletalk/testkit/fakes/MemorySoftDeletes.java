package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.DeletedRows;
import java.util.Map;

/**
 * The in-memory twin of the executor's soft-delete scope: a row is deleted when its marker holds a "deleted"
 * value (a timestamp, or true); reads and updates keep the rows that {@link DeletedRows} asks for.
 */
final class MemorySoftDeletes {

    private MemorySoftDeletes() {}

    /** Whether {@code row} of {@code entity} is among {@code rows}. */
    static boolean keeps(Entity entity, Map<String, Object> row, DeletedRows rows) {
        if (entity.softDelete().isEmpty() || rows == DeletedRows.INCLUDED) {
            return true;
        }
        SoftDelete marker = entity.softDelete().get();
        boolean deleted = marker.marksDeleted(row.get(marker.column()));
        return rows == DeletedRows.ONLY ? deleted : !deleted;
    }
}
