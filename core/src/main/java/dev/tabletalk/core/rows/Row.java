package dev.tabletalk.core.rows;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One row of a {@link RowSet}: an immutable, ordered column-to-value map over the row set's shared
 * column array, so that a hundred rows cost a hundred value arrays and no hash tables. Values may be
 * {@code null}. Lookups scan the columns, which is cheap at the widths a readable row has.
 */
final class Row extends AbstractMap<String, Object> {

    private final String[] columns;
    private final Object[] values;

    Row(String[] columns, Object[] values) {
        if (columns.length != values.length) {
            throw new IllegalArgumentException(
                    "a row needs one value per column: " + columns.length + " columns, " + values.length + " values");
        }
        this.columns = columns;
        this.values = values;
    }

    @Override
    public int size() {
        return columns.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < columns.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= columns.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return columns.length;
            }
        };
    }

    /** Column by column, without an entry per cell (replies walk every cell of every row this way). */
    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < columns.length; i++) {
            action.accept(columns[i], values[i]);
        }
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("a row is immutable");
    }

    static String[] columnArray(Iterable<String> columns, int size) {
        String[] array = new String[size];
        int i = 0;
        for (String column : columns) {
            array[i++] = Objects.requireNonNull(column, "column");
        }
        return array;
    }

    static Map<String, Object> of(String[] columns, Object[] values) {
        return new Row(columns, values.clone());
    }
}
