package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.rows.RowKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * Builds jOOQ tables, fields and conditions from catalog identifiers and bound values only
 * (invariant 2). Never parses or concatenates SQL text.
 */
final class Sql {

    /** The escape character of {@code contains}, {@code starts_with} and {@code ends_with} patterns. */
    static final char LIKE_ESCAPE = '!';

    /** Cast types of PostgreSQL enum columns by native type name (a handful per database). */
    private static final Map<String, DataType<String>> NATIVE_TYPES = new ConcurrentHashMap<>();

    private Sql() {}

    static Table<Record> table(Entity entity) {
        return entity.schema().isEmpty()
                ? DSL.table(DSL.name(entity.name()))
                : DSL.table(DSL.name(entity.schema(), entity.name()));
    }

    /** The qualified name of {@code entity}'s table, as {@link #table} names it. */
    static Name qualified(Entity entity) {
        return entity.schema().isEmpty() ? DSL.name(entity.name()) : DSL.name(entity.schema(), entity.name());
    }

    /** {@code column} of the table named {@code table} (qualified, or an alias). */
    @SuppressWarnings("unchecked")
    static Field<Object> field(Name table, Column column) {
        return (Field<Object>) DSL.field(table.append(column.name()), dataType(column));
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
        if (DaySql.applies(column, filter)) {
            return DaySql.condition(column, filter); // #13: a date alone on a timestamp column is a whole day
        }
        Object value = filter.value();
        boolean text = TextComparison.applies(column);
        return switch (filter.op()) {
            // #13: text compares case-insensitively and accent-sensitively on every database (TextComparison)
            case EQ -> text ? TextComparison.equal(column, (String) value) : field.eq(value(column, value));
            case NE -> text ? TextComparison.notEqual(column, (String) value) : field.ne(value(column, value));
            case LT -> field.lt(value(column, value));
            case LE -> field.le(value(column, value));
            case GT -> field.gt(value(column, value));
            case GE -> field.ge(value(column, value));
            case CONTAINS -> TextComparison.like(column, "%" + escapeLike((String) value) + "%");
            case STARTS_WITH -> TextComparison.like(column, escapeLike((String) value) + "%");
            case ENDS_WITH -> TextComparison.like(column, "%" + escapeLike((String) value));
            case IN -> text ? TextComparison.in(column, (List<?>) value) : field.in(values(column, (List<?>) value));
            case NOT_IN ->
                text ? TextComparison.in(column, (List<?>) value).not() : field.notIn(values(column, (List<?>) value));
            case BETWEEN ->
                field.between(value(column, ((List<?>) value).get(0)), value(column, ((List<?>) value).get(1)));
            case IS_NULL -> field.isNull();
            case IS_NOT_NULL -> field.isNotNull();
        };
    }

    private static List<Field<Object>> values(Column column, List<?> items) {
        List<Field<Object>> values = new ArrayList<>(items.size());
        for (Object item : items) {
            values.add(value(column, item));
        }
        return values;
    }

    /**
     * {@code value} as a bind value for {@code column}. On PostgreSQL an enum column's value is cast to
     * the column's own type ({@code cast(? as mpaa_rating)}): a native enum type neither compares with
     * nor accepts a text parameter. The type name is the catalog's, never the caller's; other databases
     * (and other columns) get a plain bind value.
     */
    static Field<Object> value(Column column, Object value) {
        Field<Object> bound = DSL.val(value, field(column));
        if (value instanceof LocalDateTime time) {
            return SqliteTime.value(column, time, bound); // #13: SQLite compares timestamps as their stored text
        }
        if (!column.isEnum()) {
            return bound;
        }
        DataType<String> nativeType = NATIVE_TYPES.computeIfAbsent(
                column.nativeType(), name -> new DefaultDataType<>(SQLDialect.POSTGRES, SQLDataType.VARCHAR, name));
        Field<String> cast = DSL.cast(bound, nativeType);
        return CustomField.of(
                DSL.name(column.name()),
                bound.getDataType(),
                ctx -> ctx.visit(ctx.family() == SQLDialect.POSTGRES ? cast : bound));
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

    /**
     * The plan's conditions, ANDed. An {@code anyOf} is an OR of its items; a {@code not} is true exactly
     * where its item is not, rows whose field is NULL included (its leaves are made two-valued). The caller
     * ANDs its guards (the tenant scope) outside this, so no {@code anyOf} can widen past them. A link to another
     * entity becomes a sub-select over that entity with its own guards ({@link RelatedRows}).
     */
    static Condition filters(Entity entity, List<dev.tabletalk.core.plan.Condition> conditions, RelatedRows links) {
        List<Condition> rendered = new ArrayList<>();
        for (dev.tabletalk.core.plan.Condition condition : conditions) {
            rendered.add(tree(entity, condition, false, links));
        }
        return DSL.and(rendered);
    }

    private static Condition tree(
            Entity entity, dev.tabletalk.core.plan.Condition condition, boolean twoValued, RelatedRows links) {
        if (condition instanceof AnyOf anyOf) {
            if (anyOf.items().isEmpty()) {
                throw new IllegalStateException("validated anyOf without items");
            }
            List<Condition> items = new ArrayList<>();
            anyOf.items().forEach(item -> items.add(tree(entity, item, twoValued, links)));
            return DSL.or(items);
        }
        if (condition instanceof Not not) {
            return DSL.not(tree(entity, not.item(), true, links));
        }
        if (condition instanceof Related related) {
            Condition in = links.condition(entity, related);
            // a NULL key points nowhere: under a NOT it must read 'false', so NOT finds that row
            return twoValued
                    ? field(entity.column(related.field()).orElseThrow())
                            .isNotNull()
                            .and(in)
                    : in;
        }
        Filter filter = (Filter) condition;
        Condition leaf = condition(entity, filter);
        if (!twoValued || filter.op().isNullCheck()) {
            return leaf;
        }
        // NULL compares as unknown, and NOT unknown is unknown: say 'false' for NULL so NOT finds that row
        Column column = entity.column(filter.field()).orElseThrow();
        return field(column).isNotNull().and(leaf);
    }

    /** {@code pk IN (keys)} for single-column keys, an OR of ANDs for composite ones. */
    static Condition keyIn(Entity entity, List<RowKey> keys) {
        List<Column> pk = primaryKey(entity);
        if (pk.size() == 1) {
            Field<Object> field = field(pk.get(0));
            List<Field<Object>> values = new ArrayList<>();
            for (RowKey key : keys) {
                values.add(value(pk.get(0), key.values().get(pk.get(0).name())));
            }
            return field.in(values);
        }
        List<Condition> rows = new ArrayList<>();
        for (RowKey key : keys) {
            List<Condition> parts = new ArrayList<>();
            for (Column column : pk) {
                Field<Object> field = field(column);
                parts.add(field.eq(value(column, key.values().get(column.name()))));
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
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Column column = entity.column(name).orElseThrow();
            set.put(field(column), value(column, value));
        });
        return set;
    }

    /** The fields of {@code columns}, in order. */
    static List<Field<?>> fields(List<Column> columns) {
        List<Field<?>> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(field(column));
        }
        return fields;
    }

    /** The names of {@code columns}, in order. */
    static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    /** Ascending primary-key order: the order in which rows are matched, locked and compared. */
    static List<OrderField<?>> keyOrder(Entity entity) {
        List<OrderField<?>> order = new ArrayList<>();
        for (Column column : primaryKey(entity)) {
            order.add(field(column).asc());
        }
        return order;
    }
}
