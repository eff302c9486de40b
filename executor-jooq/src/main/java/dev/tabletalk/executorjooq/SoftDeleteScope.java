package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.validation.SoftDeletes;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * The rows of an entity with a soft-delete marker that a statement reaches, as a jOOQ condition ANDed like the
 * tenant scope: live rows ({@code marker is null}, or {@code marker is null or marker = false} for a boolean),
 * deleted rows (the opposite), or both. An entity without a marker is not narrowed.
 */
final class SoftDeleteScope {

    private SoftDeleteScope() {}

    /** The condition for a read of {@code rows}. */
    static Condition condition(Entity entity, DeletedRows rows) {
        return condition(entity, rows, Optional.empty());
    }

    /** The condition for a read of {@code rows} of {@code entity} named {@code table} (an alias) in the statement. */
    static Condition condition(Entity entity, DeletedRows rows, Name table) {
        return condition(entity, rows, Optional.of(table));
    }

    private static Condition condition(Entity entity, DeletedRows rows, Optional<Name> table) {
        if (entity.softDelete().isEmpty() || rows == DeletedRows.INCLUDED) {
            return DSL.noCondition();
        }
        SoftDelete marker = entity.softDelete().get();
        Column column = entity.column(marker.column()).orElseThrow();
        Field<Object> field = table.map(name -> Sql.field(name, column)).orElseGet(() -> Sql.field(column));
        Condition live = marker.kind() == SoftDelete.Kind.BOOLEAN
                ? field.isNull().or(field.eq(Sql.value(column, Boolean.FALSE)))
                : field.isNull();
        return rows == DeletedRows.EXCLUDED ? live : DSL.not(live);
    }

    /** The condition for {@code update}: live rows only, or deleted rows only for a restore. */
    static Condition condition(Entity entity, UpdatePlan update) {
        return condition(entity, SoftDeletes.rowsOf(entity, update));
    }
}
