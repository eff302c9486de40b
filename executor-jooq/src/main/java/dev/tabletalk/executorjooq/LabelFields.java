package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.rows.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * The labels of a read's foreign keys ({@link ForeignKeyLabels}) as correlated scalar sub-selects in the same
 * SELECT, one per label column: {@code (SELECT name FROM artists AS tt_label_1 WHERE tt_label_1.artist_id =
 * albums.artist_id AND <artists' tenant scope> AND <artists' live rows>)}. The parent table is aliased, so a key
 * pointing at its own table (an employee's manager) reads the parent row, and the parent's scopes are applied
 * to that alias exactly as a direct read of the parent applies them (invariant 7): a parent of another tenant
 * or a deleted one reads as NULL, never as its label. Built from catalog identifiers only (invariant 2); the
 * label columns are visible, unmasked text columns (invariant 6). A sub-select adds no row, so the row cap
 * holds as it is.
 */
final class LabelFields {

    private static final String ALIAS = "tt_label_";
    /** The text columns that read label parts, by name: the same few for every read. */
    private static final Map<String, Column> READERS = new ConcurrentHashMap<>();

    private final List<ForeignKeyLabels.Label> labels;
    private final List<Field<?>> fields = new ArrayList<>();
    private final List<Column> readers = new ArrayList<>();

    LabelFields(Entity entity, List<ForeignKeyLabels.Label> labels, TenantScope scope) {
        this.labels = List.copyOf(labels);
        Name outer = Sql.qualified(entity);
        for (int i = 0; i < this.labels.size(); i++) {
            ForeignKeyLabels.Label label = this.labels.get(i);
            Entity parent = label.parent();
            Name alias = DSL.name(ALIAS + (i + 1));
            Column key = entity.column(label.column()).orElseThrow();
            Column target = parent.column(label.targetColumn()).orElseThrow();
            Condition where = Sql.field(alias, target)
                    .eq(Sql.field(outer, key))
                    // INV-7: the parent's own tenant scope and live rows, on the alias
                    .and(scope.condition(parent, alias))
                    .and(SoftDeleteScope.condition(parent, DeletedRows.EXCLUDED, alias));
            for (int j = 0; j < label.labelColumns().size(); j++) {
                Column part = parent.column(label.labelColumns().get(j)).orElseThrow();
                String name = ALIAS + (i + 1) + "_" + (j + 1);
                fields.add(DSL.field(DSL.select(Sql.field(alias, part))
                                .from(Sql.table(parent).as(alias))
                                .where(where))
                        .as(name));
                readers.add(READERS.computeIfAbsent(
                        name, reader -> Column.builder(reader, ValueType.TEXT).build()));
            }
        }
    }

    /** The sub-selects to add after the shown columns, in order. */
    List<Field<?>> fields() {
        return fields;
    }

    /** Text columns standing for the sub-selects, for reading them after the shown columns. */
    List<Column> readers() {
        return readers;
    }

    /**
     * The rows with each label part read ({@code fetched} has the shown columns, then any columns read only to page
     * by, then {@link #readers}) replaced by {@code <key>__label} right after its key: the parts joined with a space,
     * NULL when there are none. Only the shown columns and their labels are kept.
     */
    RowSet attach(FetchedRows fetched, List<Column> shown) {
        if (labels.isEmpty() && fetched.columns().size() == shown.size()) {
            return fetched.toRowSet();
        }
        // worked out once per read: which fetched values make each value of a row (one for a column, its parts
        // for a label)
        int part = fetched.columns().size() - readers.size();
        List<String> names = new ArrayList<>();
        List<int[]> labelParts = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (Column column : shown) {
            names.add(column.name());
            columns.add(fetched.indexOf(column));
            labelParts.add(null);
        }
        for (ForeignKeyLabels.Label label : labels) {
            int width = label.labelColumns().size();
            int after = names.indexOf(label.column()) + 1;
            names.add(after, label.key());
            columns.add(after, -1);
            labelParts.add(after, IntStream.range(part, part + width).toArray());
            part += width;
        }
        List<Object[]> rows = new ArrayList<>(fetched.values().size());
        for (Object[] row : fetched.values()) {
            Object[] values = new Object[names.size()];
            for (int i = 0; i < values.length; i++) {
                int[] parts = labelParts.get(i);
                values[i] = parts == null ? row[columns.get(i)] : label(row, parts);
            }
            rows.add(values);
        }
        return RowSet.ofValues(names, rows, fetched.more());
    }

    private static String label(Object[] row, int[] parts) {
        if (parts.length == 1) {
            return ForeignKeyLabels.join(Collections.singletonList(row[parts[0]]))
                    .orElse(null);
        }
        Object[] values = new Object[parts.length];
        for (int j = 0; j < parts.length; j++) {
            values[j] = row[parts[j]];
        }
        return ForeignKeyLabels.join(Arrays.asList(values)).orElse(null);
    }
}
