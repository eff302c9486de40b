package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.rows.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
                readers.add(Column.builder(name, ValueType.TEXT).build());
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
    RowSet attach(RowSet fetched, List<Column> shown) {
        if (labels.isEmpty() && fetched.columns().size() == shown.size()) {
            return fetched;
        }
        List<String> columns = new ArrayList<>();
        for (Column column : shown) {
            columns.add(column.name());
            labelOf(column.name()).ifPresent(label -> columns.add(label.key()));
        }
        List<Object[]> rows = new ArrayList<>(fetched.size());
        for (Map<String, Object> row : fetched.rows()) {
            Object[] values = new Object[columns.size()];
            int index = 0;
            for (Column column : shown) {
                values[index++] = row.get(column.name());
                Optional<Integer> position = positionOf(column.name());
                if (position.isPresent()) {
                    values[index++] = labelValue(row, position.get());
                }
            }
            rows.add(values);
        }
        return RowSet.ofValues(columns, rows, fetched.hasMore());
    }

    private Object labelValue(Map<String, Object> row, int position) {
        int first = 0;
        for (int i = 0; i < position; i++) {
            first += labels.get(i).labelColumns().size();
        }
        List<Object> parts = new ArrayList<>();
        for (int j = 0; j < labels.get(position).labelColumns().size(); j++) {
            parts.add(row.get(readers.get(first + j).name()));
        }
        return ForeignKeyLabels.join(parts).orElse(null);
    }

    private Optional<ForeignKeyLabels.Label> labelOf(String column) {
        return positionOf(column).map(labels::get);
    }

    private Optional<Integer> positionOf(String column) {
        for (int i = 0; i < labels.size(); i++) {
            if (Objects.equals(labels.get(i).column(), column)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
