package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * SQLite keeps a timestamp as text and compares text, so a bound date-time must have the form stored values
 * have: {@code 2024-03-05 00:00:00}, as SQLite's own {@code current_timestamp} writes it (with a fraction only
 * when there is one). jOOQ's own binding adds {@code .0}, which sorts after the stored midnight: a day's first
 * row would fall outside "on 2024-03-05" and an exact time would never match (#13). Other databases get the
 * plain bind value.
 */
final class SqliteTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FRACTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqliteTime() {}

    /** {@code bound} as it is, except on SQLite, where a local date-time is bound as its stored text. */
    static Field<Object> value(Column column, LocalDateTime time, Field<Object> bound) {
        Field<String> text = DSL.val(text(time), SQLDataType.VARCHAR);
        return CustomField.of(
                DSL.name(column.name()),
                bound.getDataType(),
                ctx -> ctx.visit(ctx.family() == SQLDialect.SQLITE ? text : bound));
    }

    static String text(LocalDateTime time) {
        if (time.getNano() == 0) {
            return time.format(SECONDS);
        }
        String fraction = time.format(FRACTION);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return fraction.substring(0, end);
    }
}
