package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.rows.RowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Builds jOOQ tables, fields and conditions from catalog identifiers and bound values only
 * (invariant 2). Never parses or concatenates SQL text.
 */
final class Sql {

    /** The escape character of {@code contains} and {@code starts_with} patterns. */
    static final char LIKE_ESCAPE = '!';

    private Sql() {}

    static Table<Record> table(Entity entity) {
        return entity.schema().isEmpty()
                ? DSL.table(DSL.name(entity.name()))
                : DSL.table(DSL.name(entity.schema(), entity.name()));
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(Column column) {
        return (Field<Object>) DSL.field(DSL.name(column.name()), dataType(column));
    }

    static DataType<?> dataType(Column column) {
        return switch (column.type()) {
            case TEXT -> SQLDataType.VARCHAR;
            case INTEGER -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.NUMERIC;
            case FLOAT -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATE -> SQLDataType.LOCALDATE;
            case TIME -> SQLDataType.LOCALTIME;
            case TIMESTAMP -> SQLDataType.LOCALDATETIME;
            case TIMESTAMP_TZ -> SQLDataType.OFFSETDATETIME;
            case UUID -> SQLDataType.UUID;
            case JSON, BINARY, OTHER -> SQLDataType.OTHER;
        };
    }

    /** The condition of one validated filter (its value already has the column's Java type). */
    static Condition condition(Entity entity, Filter filter) {
        Column column = entity.column(filter.field())
                .orElseThrow(() -> new IllegalStateException("validated filter on an unknown column"));
        Field<Object> field = field(column);
        Object value = filter.value();
        return switch (filter.op()) {
            case EQ -> field.eq(DSL.val(value, field));
            case NE -> field.ne(DSL.val(value, field));
            case LT -> field.lt(DSL.val(value, field));
            case LE -> field.le(DSL.val(value, field));
            case GT -> field.gt(DSL.val(value, field));
            case GE -> field.ge(DSL.val(value, field));
            case CONTAINS -> textField(column).likeIgnoreCase(
                    DSL.val("%" + escapeLike((String) value) + "%"), LIKE_ESCAPE);
            case STARTS_WITH -> textField(column).likeIgnoreCase(
                    DSL.val(escapeLike((String) value) + "%"), LIKE_ESCAPE);
            case IN -> field.in(values(field, (List<?>) value));
            case BETWEEN -> field.between(DSL.val(((List<?>) value).get(0), field),
                    DSL.val(((List<?>) value).get(1), field));
            case IS_NULL -> field.isNull();
            case IS_NOT_NULL -> field.isNotNull();
        };
    }

    private static List<Field<Object>> values(Field<Object> field, List<?> items) {
        List<Field<Object>> values = new ArrayList<>(items.size());
        for (Object item : items) {
            values.add(DSL.val(item, field));
        }
        return values;
    }

    private static Field<String> textField(Column column) {
        return DSL.field(DSL.name(column.name()), SQLDataType.VARCHAR);
    }

    /** Makes {@code %}, {@code _} and the escape character literal in a LIKE pattern. */
    static String escapeLike(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    static Condition filters(Entity entity, List<Filter> filters) {
        List<Condition> conditions = new ArrayList<>();
        for (Filter filter : filters) {
            conditions.add(condition(entity, filter));
        }
        return DSL.and(conditions);
    }

    /** {@code pk IN (keys)} for single-column keys, an OR of ANDs for composite ones. */
    static Condition keyIn(Entity entity, List<RowKey> keys) {
        List<Column> pk = primaryKey(entity);
        if (pk.size() == 1) {
            Field<Object> field = field(pk.get(0));
            List<Field<Object>> values = new ArrayList<>();
            for (RowKey key : keys) {
                values.add(DSL.val(key.values().get(pk.get(0).name()), field));
            }
            return field.in(values);
        }
        List<Condition> rows = new ArrayList<>();
        for (RowKey key : keys) {
            List<Condition> parts = new ArrayList<>();
            for (Column column : pk) {
                Field<Object> field = field(column);
                parts.add(field.eq(DSL.val(key.values().get(column.name()), field)));
            }
            rows.add(DSL.and(parts));
        }
        return DSL.or(rows);
    }

    static List<Column> primaryKey(Entity entity) {
        List<Column> columns = new ArrayList<>();
        for (String name : entity.primaryKey()) {
            columns.add(entity.column(name).orElseThrow());
        }
        return columns;
    }

    /** Values by column name as jOOQ field assignments. */
    static Map<Field<?>, Object> assignments(Entity entity, Map<String, Object> values) {
        Map<Field<?>, Object> set = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> {
            Column column = entity.column(name).orElseThrow();
            Field<Object> field = field(column);
            set.put(field, DSL.val(value, field));
        });
        return set;
    }
}
