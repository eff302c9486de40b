package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

/**
 * Reads the rows of a guarded SELECT straight from the JDBC result set, one typed getter per column,
 * without building jOOQ records: the statement is still rendered, guarded, bound and timed out by jOOQ
 * ({@link ResultQuery#fetchLazy}); only the value conversion is done here. Values are the same Java
 * types as through jOOQ records ({@link Sql#dataType}), then made plain and masked like
 * {@link RowValues#shown}; only at the edges does the driver do better ({@code infinity} and BC dates
 * become {@code LocalDate.MAX} and negative years, where jOOQ's conversion fails or drops the era).
 */
final class DirectRows {

    private DirectRows() {}

    /** Reads one column value of the current row. */
    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    /**
     * Whether every column can be read directly: not TIME, as the driver refuses {@code timetz} as a
     * {@code LocalTime} (jOOQ reads its text); such reads go through jOOQ records.
     */
    static boolean supports(List<Column> columns) {
        for (Column column : columns) {
            if (column.type() == ValueType.TIME) {
                return false;
            }
        }
        return true;
    }

    /** At most {@code cap} rows of {@code select} (which asks for {@code cap + 1}), masked where needed. */
    static FetchedRows fetch(ResultQuery<Record> select, List<Column> shown, int cap) {
        int width = shown.size();
        Reader[] readers = new Reader[width];
        boolean[] masked = new boolean[width];
        ZoneRules zone = ZoneId.systemDefault().getRules();
        for (int i = 0; i < width; i++) {
            readers[i] = reader(shown.get(i), zone);
            masked[i] = shown.get(i).isMasked();
        }
        List<Object[]> rows = new ArrayList<>(Math.min(cap, 128));
        boolean more = false;
        try (Cursor<Record> cursor = select.fetchLazy()) {
            ResultSet rs = cursor.resultSet();
            while (rs.next()) {
                if (rows.size() >= cap) {
                    more = true;
                    break;
                }
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    Object value = readers[i].read(rs, i + 1);
                    row[i] = masked[i] ? Masker.mask(value) : value;
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading the rows failed", e);
        }
        return new FetchedRows(shown, rows, more);
    }

    /** A reader of plain values ({@link RowValues#plain}) of the column's type. */
    private static Reader reader(Column column, ZoneRules zone) {
        return switch (column.type()) {
            case TEXT -> ResultSet::getString;
            case INTEGER ->
                (rs, i) -> {
                    long value = rs.getLong(i);
                    return rs.wasNull() ? null : value;
                };
            case DECIMAL -> ResultSet::getBigDecimal;
            case FLOAT ->
                (rs, i) -> {
                    double value = rs.getDouble(i);
                    return rs.wasNull() ? null : value;
                };
            case BOOLEAN ->
                (rs, i) -> {
                    boolean value = rs.getBoolean(i);
                    return rs.wasNull() ? null : value;
                };
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIME -> throw new IllegalArgumentException("TIME columns are read through jOOQ records");
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> (rs, i) -> offsetDateTime(rs.getObject(i, OffsetDateTime.class), zone);
            case UUID -> (rs, i) -> rs.getObject(i, UUID.class);
            // as jOOQ's OTHER binding: the driver's object (made plain text or "(binary data)" later)
            case JSON, BINARY, OTHER -> (rs, i) -> RowValues.plain(rs.getObject(i));
        };
    }

    /**
     * The driver returns UTC; jOOQ parses the session's text, which the driver's session time zone (the
     * JVM's) gives: the same instant at the JVM zone's offset, as through jOOQ records.
     */
    private static OffsetDateTime offsetDateTime(OffsetDateTime value, ZoneRules zone) {
        if (value == null || value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
            return value;
        }
        ZoneOffset offset = zone.getOffset(value.toInstant());
        return offset.equals(value.getOffset()) ? value : value.withOffsetSameInstant(offset);
    }
}
