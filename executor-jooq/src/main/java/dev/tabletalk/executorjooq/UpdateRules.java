package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;

/**
 * What an update's preview and its confirm share: which plans may update at all, the columns whose
 * values a confirm must find unchanged and their hash, the rows as they will be after the change, and
 * the refusals both steps give.
 */
final class UpdateRules {

    private UpdateRules() {}

    /** Refuses an update without filters or on an entity without a primary key. */
    static void checkUpdatable(Entity entity, UpdatePlan update) {
        if (update.filters().isEmpty()) {
            throw new RefusalSignal(
                    Refusal.of(RefusalCode.UPDATE_REQUIRES_FILTER, Wording.updateNeedsFilter(update.entity())));
        }
        if (!entity.hasPrimaryKey()) {
            throw new RefusalSignal(
                    Refusal.of(RefusalCode.ENTITY_READ_ONLY, Wording.entityReadOnly(update.entity(), Intent.UPDATE)));
        }
    }

    /** Every non-hidden column plus the primary key: the values a confirm must find unchanged. */
    static List<Column> snapshotColumns(Entity entity) {
        List<Column> columns = new ArrayList<>(Sql.primaryKey(entity));
        for (Column column : entity.visibleColumns()) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The hash of {@code columns} of {@code rows}: what a confirm compares with the preview's. */
    static String hash(List<Record> rows, List<Column> columns) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Record record : rows) {
            values.add(RowValues.raw(record, columns));
        }
        return RowValues.hash(values);
    }

    /** Each matched row's values once the update is applied, with the forced tenant where it is not read. */
    static List<Map<String, Object>> rowsAfter(
            List<Record> rows, List<Column> columns, UpdatePlan update, TenantScope scope, Entity entity) {
        List<Map<String, Object>> after = new ArrayList<>();
        for (Record record : rows) {
            Map<String, Object> values = new LinkedHashMap<>(RowValues.raw(record, columns));
            scope.forcedTenant(entity)
                    .ifPresent(t -> values.putIfAbsent(t.column().name(), t.value()));
            values.putAll(update.changes());
            after.add(values);
        }
        return after;
    }

    static Refusal capExceeded(int count, int cap) {
        return Refusal.of(
                RefusalCode.CAP_EXCEEDED,
                "That would change " + count + " rows; at most " + cap
                        + " can be changed at once. Add a condition to narrow it down.");
    }

    static Refusal noMatchingRows(String entity) {
        return Refusal.of(
                RefusalCode.NO_MATCHING_ROWS,
                "No " + entity + " row matches that, so nothing would change."
                        + " Check the conditions and try again.");
    }

    static Refusal rowsChanged() {
        return Refusal.of(
                RefusalCode.ROWS_CHANGED,
                "The rows changed since the preview, so nothing was changed."
                        + " Ask again to see a fresh preview, then confirm that.");
    }
}
