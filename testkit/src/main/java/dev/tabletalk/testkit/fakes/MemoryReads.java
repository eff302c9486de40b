package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A validated read in memory, as the real executor's: the shown columns (never a hidden one, masked
 * ones masked), only the caller's rows, in a stable order (NULL below every value), from the plan's offset or after
 * its keyset position, capped by the row limits, each row with its position.
 */
final class MemoryReads {

    private MemoryReads() {}

    static ReadOutcome.Rows run(ReadPlan read, Entity entity, MemoryScope scope, Limits limits) {
        // INV-3: never more than the configured cap, and never more than the hard cap
        int cap = Math.min(
                Math.min(limits.maxRows(), Limits.HARD_MAX_ROWS),
                read.limit().isPresent() ? limits.effectiveRowLimit(read.limit().getAsInt()) : limits.maxRows());
        // INV-7: only the caller's rows
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : scope.reachable(entity)) {
            if (MemoryRows.matchesAll(row, read.filters(), entity, scope)
                    && MemorySoftDeletes.keeps(entity, row, read.deleted())) {
                matching.add(row);
            }
        }
        if (read.aggregate().isPresent()) {
            return new ReadOutcome.Rows(
                    MemoryAggregates.run(read.aggregate().get(), entity, matching, read.orderBy(), read.offset(), cap));
        }
        List<Column> shown = shownColumns(entity, read.fields());
        Comparator<Map<String, Object>> order = MemoryRows.order(entity, read.orderBy());
        matching.sort(order);
        if (read.after().isPresent()) {
            // "show more": only rows after the position, in the same order (NULL below every value), as the real one
            Map<String, Object> position = new HashMap<>();
            Keyset after = read.after().get();
            after.columns().forEach(column -> position.put(column, after.value(column)));
            matching.removeIf(row -> order.compare(row, position) <= 0);
        }
        List<String> keyset = read.aggregate().isEmpty() && entity.hasPrimaryKey()
                ? Keyset.columnsOf(read.orderBy(), entity.primaryKey())
                : List.of();
        if (keyset.stream().map(name -> entity.column(name).orElseThrow()).anyMatch(MemoryReads::unseekable)) {
            keyset = List.of(); // a masked or summarised value could not be sought: by offset, as the real one's
        }
        List<Keyset> positions = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        int from = Math.min(read.offset(), matching.size());
        int to = Math.min(from + cap, matching.size());
        // #13: beside each shown foreign key, the label of the row it points at, as the real executor
        List<ForeignKeyLabels.Label> labels =
                scope.labels(entity, shown.stream().map(Column::name).toList());
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> row : matching.subList(from, to)) {
            Map<String, Object> projected = new LinkedHashMap<>();
            for (Column column : shown) {
                projected.put(column.name(), MemoryRows.shown(column, row.get(column.name())));
                for (ForeignKeyLabels.Label label : labels) {
                    if (label.column().equals(column.name())) {
                        projected.put(label.key(), scope.label(label, row).orElse(null));
                    }
                }
            }
            rows.add(projected);
            if (!keyset.isEmpty()) {
                List<Object> values = new ArrayList<>();
                keyset.forEach(column -> values.add(row.get(column)));
                positions.add(new Keyset(keyset, values));
            }
        }
        for (Column column : shown) {
            columns.add(column.name());
            labels.stream()
                    .filter(label -> label.column().equals(column.name()))
                    .forEach(label -> columns.add(label.key()));
        }
        return new ReadOutcome.Rows(new RowSet(columns, rows, matching.size() > to), positions);
    }

    private static boolean unseekable(Column column) {
        return column.isMasked()
                || column.type() == ValueType.BINARY
                || column.type() == ValueType.JSON
                || column.type() == ValueType.OTHER;
    }

    private static List<Column> shownColumns(Entity entity, List<String> fields) {
        List<String> names = !fields.isEmpty()
                ? fields
                : !entity.form().readNames().isEmpty()
                        ? entity.form().readNames()
                        : entity.visibleColumns().stream().map(Column::name).toList();
        List<Column> columns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            // INV-6: hidden columns are never shown, whatever the plan or the form says
            entity.column(name).filter(c -> !c.isHidden()).ifPresent(columns::add);
        }
        if (columns.isEmpty()) {
            throw new MemoryRefusal(
                    Refusal.of(RefusalCode.UNKNOWN_FIELD, "There is nothing to show for " + entity.name() + "."));
        }
        return columns;
    }
}
