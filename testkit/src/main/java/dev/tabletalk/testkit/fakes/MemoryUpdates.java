package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.SoftDeletes;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated update in memory, as the real executor's: the preview counts the caller's matching rows
 * against the role's cap (invariant 5), checks the references the change would set and shows each row
 * before and after; the confirm finds exactly the previewed rows with the previewed values, or refuses.
 */
final class MemoryUpdates {

    private MemoryUpdates() {}

    static PreviewOutcome preview(UpdatePlan update, Entity entity, MemoryScope scope, int cap) {
        checkUpdatable(entity, update);
        List<Map<String, Object>> rows = matching(update, entity, scope);
        // INV-5: selectivity is checked by counting, whatever the filter looks like
        if (rows.size() > cap) {
            throw new MemoryRefusal(capExceeded(rows.size(), cap));
        }
        if (rows.isEmpty()) {
            throw new MemoryRefusal(noMatchingRows(update.entity()));
        }
        scope.references(
                entity, rowsAfter(rows, update, scope, entity), update.changes().keySet());
        for (Map<String, Object> after : rowsAfter(rows, update, scope, entity)) {
            scope.checkRowRules(entity, after, update.entity(), Intent.UPDATE, true);
        }
        List<Column> shown = previewColumns(entity, update);
        List<RowChange> changes = new ArrayList<>();
        List<RowKey> keys = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            RowKey key = MemoryRows.key(entity, row);
            keys.add(key);
            Map<String, Object> before = new LinkedHashMap<>();
            shown.forEach(column -> before.put(column.name(), MemoryRows.shown(column, row.get(column.name()))));
            Map<String, Object> after = new LinkedHashMap<>(before);
            update.changes()
                    .forEach((name, value) ->
                            after.put(name, MemoryRows.shown(entity.column(name).orElseThrow(), value)));
            changes.add(new RowChange(Optional.of(key), before, after));
        }
        Preview preview = new Preview(
                Intent.UPDATE,
                update.entity(),
                changes,
                List.copyOf(update.changes().keySet()));
        return new PreviewOutcome.Ready(
                preview,
                new PreviewSnapshot(
                        update, keys, MemoryRows.hash(MemoryRows.project(rows, MemoryRows.snapshotColumns(entity)))));
    }

    /**
     * The stored rows a confirm may change (the live maps): exactly the previewed keys, still matching, with
     * the previewed values, within the cap, and references that still hold; refused otherwise.
     */
    static List<Map<String, Object>> confirmedRows(
            UpdatePlan update, Entity entity, PreviewSnapshot preview, MemoryScope scope, int cap) {
        checkUpdatable(entity, update);
        List<RowKey> keys = checkedKeys(entity, preview.keys());
        if (keys.isEmpty()) {
            throw new MemoryRefusal(noMatchingRows(update.entity()));
        }
        if (keys.size() > cap) {
            throw new MemoryRefusal(capExceeded(keys.size(), cap));
        }
        List<Map<String, Object>> current = matching(update, entity, scope);
        List<RowKey> currentKeys =
                current.stream().map(row -> MemoryRows.key(entity, row)).toList();
        // the same rows (none gone, none new) with the same values, or nothing happens
        if (!currentKeys.equals(keys)
                || !MemoryRows.hash(MemoryRows.project(current, MemoryRows.snapshotColumns(entity)))
                        .equals(preview.valuesHash())) {
            throw new MemoryRefusal(rowsChanged());
        }
        scope.references(
                entity,
                rowsAfter(current, update, scope, entity),
                update.changes().keySet());
        for (Map<String, Object> after : rowsAfter(current, update, scope, entity)) {
            scope.checkRowRules(entity, after, update.entity(), Intent.UPDATE, true);
        }
        return current;
    }

    private static List<Map<String, Object>> matching(UpdatePlan update, Entity entity, MemoryScope scope) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : scope.reachable(entity)) {
            if (MemoryRows.matchesAll(row, update.filters(), entity, scope)
                    && MemorySoftDeletes.keeps(entity, row, SoftDeletes.rowsOf(entity, update))) {
                rows.add(row);
            }
        }
        rows.sort(MemoryRows.order(entity, List.of()));
        return rows;
    }

    private static void checkUpdatable(Entity entity, UpdatePlan update) {
        if (update.filters().isEmpty()) {
            throw new MemoryRefusal(
                    Refusal.of(RefusalCode.UPDATE_REQUIRES_FILTER, Wording.updateNeedsFilter(update.entity())));
        }
        if (!entity.hasPrimaryKey()) {
            throw new MemoryRefusal(
                    Refusal.of(RefusalCode.ENTITY_READ_ONLY, Wording.entityReadOnly(update.entity(), Intent.UPDATE)));
        }
    }

    /** Each row's values once the update is applied, with the forced tenant. */
    private static List<Map<String, Object>> rowsAfter(
            List<Map<String, Object>> rows, UpdatePlan update, MemoryScope scope, Entity entity) {
        List<Map<String, Object>> after = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> values = new LinkedHashMap<>(row);
            scope.forcedTenant(entity).ifPresent(t -> values.putIfAbsent(t.getKey(), t.getValue()));
            values.putAll(update.changes());
            after.add(values);
        }
        return after;
    }

    private static List<Column> previewColumns(Entity entity, UpdatePlan update) {
        Set<String> names = new LinkedHashSet<>(entity.primaryKey());
        names.addAll(
                entity.form().readNames().isEmpty()
                        ? entity.visibleColumns().stream().map(Column::name).toList()
                        : entity.form().readNames());
        names.addAll(update.changes().keySet());
        List<Column> columns = new ArrayList<>();
        for (Column column : entity.columns()) {
            if (names.contains(column.name()) && !column.isHidden()) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The snapshot's keys with values coerced to the key columns' types; anything odd counts as changed. */
    private static List<RowKey> checkedKeys(Entity entity, List<RowKey> keys) {
        List<RowKey> checked = new ArrayList<>();
        for (RowKey key : keys) {
            if (key.values().size() != entity.primaryKey().size()) {
                throw new MemoryRefusal(rowsChanged());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (String name : entity.primaryKey()) {
                Column column = entity.column(name).orElseThrow();
                Object raw = key.values().get(name);
                if (raw == null
                        || !(ValueCoercion.fromPlan(column, raw) instanceof Coerced.Value value)
                        || value.value() == null) {
                    throw new MemoryRefusal(rowsChanged());
                }
                values.put(name, value.value());
            }
            checked.add(RowKey.of(values));
        }
        return checked;
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
