package dev.tabletalk.core.reply;

import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Keeps a reply within {@link ReplyLimits}, once, in core, so that every adapter shows the same cut:
 * a value longer than the cell limit becomes a {@link TruncatedText} (its prefix and its full length),
 * and rows that would make the reply's JSON larger than the reply limit are left out, counted, never
 * silently.
 *
 * <p>Sizes are upper bounds of the JSON (UTF-8) the wire mapping writes: a string counts its escaped
 * UTF-8 bytes, a number its digits, other values a fixed allowance.
 */
public final class ReplyBounds {

    private static final int SMALL_VALUE_BYTES = 48;

    private ReplyBounds() {}

    /**
     * Rows cut to fit.
     *
     * @param rows the rows to show, values cut where too long
     * @param rowsOmitted how many trailing rows were left out to keep the reply within its limit
     * @param cellsTruncated how many values of the rows shown were cut
     */
    public record BoundedRows(RowSet rows, int rowsOmitted, int cellsTruncated) {

        public BoundedRows {
            Objects.requireNonNull(rows, "rows");
        }

        /** Whether anything was cut or left out. */
        public boolean isTrimmed() {
            return rowsOmitted > 0 || cellsTruncated > 0;
        }
    }

    /** The rows within the limits: values cut, then as many leading rows as fit in the reply. */
    public static BoundedRows rows(RowSet rows, ReplyLimits limits) {
        List<String> columns = rows.columns();
        long budget = limits.rowBudgetBytes();
        // #17: the names' sizes once per reply, not once per row
        long[] nameBytes = new long[columns.size()];
        long namesBytes = 0;
        for (int i = 0; i < nameBytes.length; i++) {
            nameBytes[i] = jsonBytes(columns.get(i)) + 2;
            namesBytes += nameBytes[i];
        }
        if (fitsAsIs(rows, namesBytes, budget, limits.maxCellChars())) {
            return new BoundedRows(rows, 0, 0);
        }
        long used = 2;
        int truncated = 0;
        boolean changed = false;
        List<Object[]> kept = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows.rows()) {
            Object[] values = new Object[columns.size()];
            long size = 2;
            int cut = 0;
            for (int i = 0; i < values.length; i++) {
                Object value = row.get(columns.get(i));
                Object shown = cell(value, limits.maxCellChars());
                if (shown != value) {
                    cut++;
                }
                values[i] = shown;
                size += nameBytes[i] + jsonBytes(shown);
            }
            if (used + size > budget) {
                changed = true;
                break;
            }
            used += size;
            truncated += cut;
            changed |= cut > 0;
            kept.add(values);
        }
        if (!changed) {
            return new BoundedRows(rows, 0, 0);
        }
        return new BoundedRows(RowSet.ofValues(columns, kept, rows.hasMore()), rows.size() - kept.size(), truncated);
    }

    /**
     * Whether the rows fit as they are, told cheaply (#17): no text is longer than a cell may be, and the rows
     * fit even if every character of every text took six bytes, the most {@link #jsonBytes} counts for one. False
     * also when that cannot be told this way (a value that is not plain text, a number or a date, a row whose
     * columns are not in the row set's order): then {@link #rows} counts exactly.
     */
    private static boolean fitsAsIs(RowSet rows, long namesBytes, long budget, int maxCellChars) {
        List<String> columns = rows.columns();
        RowBound bound = new RowBound(columns, maxCellChars);
        long used = 2;
        for (Map<String, Object> row : rows.rows()) {
            if (row.size() != columns.size()) {
                return false;
            }
            bound.start();
            row.forEach(bound);
            if (bound.bytes < 0) {
                return false;
            }
            used += 2 + namesBytes + bound.bytes;
            if (used > budget) {
                return false;
            }
        }
        return true;
    }

    /** Adds up {@link #boundBytes} over one row's cells, walked in order without an entry per cell; -1 when it cannot. */
    private static final class RowBound implements BiConsumer<String, Object> {
        private final List<String> columns;
        private final int maxCellChars;
        private int next;
        private long bytes;

        RowBound(List<String> columns, int maxCellChars) {
            this.columns = columns;
            this.maxCellChars = maxCellChars;
        }

        void start() {
            next = 0;
            bytes = 0;
        }

        @Override
        public void accept(String column, Object value) {
            if (bytes < 0) {
                return;
            }
            long cell =
                    next < columns.size() && columns.get(next).equals(column) ? boundBytes(value, maxCellChars) : -1;
            next++;
            bytes = cell < 0 ? -1 : bytes + cell;
        }
    }

    /**
     * At least {@link #jsonBytes} of a value that {@link #cell} shows as it is; -1 for a value it might cut or that
     * is not told apart here.
     */
    private static long boundBytes(Object value, int maxCellChars) {
        if (value instanceof String text) {
            return text.length() > maxCellChars ? -1 : 2 + 6L * text.length();
        }
        if (value instanceof BigDecimal decimal) {
            return jsonBytes(decimal);
        }
        // what jsonBytes counts for each of these, without asking their type a second time
        if (value == null
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Boolean
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Double
                || value instanceof Float
                || value instanceof Temporal
                || value instanceof UUID) {
            return SMALL_VALUE_BYTES;
        }
        return -1;
    }

    /** The preview with every value cut to the cell limit (the rows stay: a person confirms all of them). */
    public static Preview preview(Preview preview, ReplyLimits limits) {
        List<RowChange> changes = new ArrayList<>(preview.changes().size());
        for (RowChange change : preview.changes()) {
            changes.add(new RowChange(change.key(), cells(change.before(), limits), cells(change.after(), limits)));
        }
        return new Preview(preview.intent(), preview.entity(), changes, preview.changedColumns());
    }

    /**
     * A value as shown: text (or any value shown as text) longer than {@code maxChars} code points becomes
     * a {@link TruncatedText} of its first {@code maxChars} code points; anything else is returned as is.
     */
    public static Object cell(Object value, int maxChars) {
        if (value == null
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Temporal
                || value instanceof UUID
                || value instanceof byte[]
                || value instanceof TruncatedText) {
            return value;
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        if (text.length() <= maxChars) {
            return value;
        }
        int length = text.codePointCount(0, text.length());
        if (length <= maxChars) {
            return value;
        }
        return new TruncatedText(text.substring(0, text.offsetByCodePoints(0, maxChars)), length);
    }

    private static Map<String, Object> cells(Map<String, Object> values, ReplyLimits limits) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, cell(value, limits.maxCellChars())));
        return out;
    }

    /** An upper bound of the value's JSON size in UTF-8 bytes. */
    static long jsonBytes(Object value) {
        if (value == null
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Double
                || value instanceof Float
                || value instanceof Temporal
                || value instanceof UUID
                || value instanceof byte[]) {
            return SMALL_VALUE_BYTES;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.precision() + (long) Math.abs(decimal.scale()) + 3;
        }
        if (value instanceof TruncatedText cut) {
            return jsonBytes(cut.text()) + SMALL_VALUE_BYTES;
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
