package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.rows.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The rows of a read as the SELECT gave them: one value array per row in {@code columns} order, plain and masked
 * already, before the label parts become labels and the columns read only to page by are dropped. Working on the
 * arrays keeps a read to one array per row and one copy into the {@link RowSet} (#13's FK-label benchmark).
 *
 * @param columns the selected columns, in select order
 * @param values one array per row, at most the cap
 * @param more whether the SELECT gave a row beyond the cap
 */
record FetchedRows(List<Column> columns, List<Object[]> values, boolean more) {

    FetchedRows {
        columns = List.copyOf(columns);
        values = List.copyOf(values);
    }

    /** At most {@code cap} rows of jOOQ {@code records} that selected {@code columns}, masked where needed. */
    static FetchedRows of(Result<Record> records, List<Column> columns, int cap) {
        List<Object[]> values = new ArrayList<>(Math.min(cap, records.size()));
        for (int i = 0; i < Math.min(cap, records.size()); i++) {
            values.add(RowValues.values(records.get(i), columns));
        }
        return new FetchedRows(columns, values, records.size() > cap);
    }

    /** The rows as they are, every selected column shown. */
    RowSet toRowSet() {
        return RowSet.ofValues(Sql.names(columns), values, more);
    }

    /** Where row {@code i} stands in the read's order: its values of {@code keyset}, which were all selected. */
    IntFunction<Keyset> positions(List<Column> keyset) {
        List<String> names = Sql.names(keyset);
        int[] indexes = keyset.stream().mapToInt(this::indexOf).toArray();
        return row -> {
            Object[] values = this.values.get(row);
            Object[] key = new Object[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                key[i] = values[indexes[i]];
            }
            return new Keyset(names, Arrays.asList(key));
        };
    }

    /** The position of {@code column} in the select list. */
    int indexOf(Column column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column.name())) {
                return i;
            }
        }
        throw new IllegalStateException("column " + column.name() + " was not selected");
    }
}
