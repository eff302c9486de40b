package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Days;
import dev.tabletalk.core.plan.Filter;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A filter holding whole days on a timestamp column (#13), rendered from the core's one definition of what a
 * day means ({@link Days#bounds}): plain comparisons with bound instants, so every database's own index on the
 * column still serves the query and no date function is needed.
 */
final class DaySql {

    private DaySql() {}

    /** Whether {@code filter} on {@code column} compares a timestamp column with days. */
    static boolean applies(Column column, Filter filter) {
        return (column.type() == ValueType.TIMESTAMP || column.type() == ValueType.TIMESTAMP_TZ)
                && Days.hasDays(filter);
    }

    static Condition condition(Column column, Filter filter) {
        return render(column, Sql.field(column), Days.bounds(filter, column.type() == ValueType.TIMESTAMP_TZ));
    }

    private static Condition render(Column column, Field<Object> field, Days.Bound bound) {
        if (bound instanceof Days.All all) {
            return DSL.and(items(column, field, all.items()));
        }
        if (bound instanceof Days.Any any) {
            return DSL.or(items(column, field, any.items()));
        }
        Days.Compare compare = (Days.Compare) bound;
        Field<Object> value = Sql.value(column, compare.value());
        return switch (compare.op()) {
            case LT -> field.lt(value);
            case LE -> field.le(value);
            case GT -> field.gt(value);
            case GE -> field.ge(value);
            case EQ -> field.eq(value);
            case NE -> field.ne(value);
            default -> throw new IllegalStateException("a day bound never compares with " + compare.op());
        };
    }

    private static List<Condition> items(Column column, Field<Object> field, List<Days.Bound> bounds) {
        List<Condition> items = new ArrayList<>(bounds.size());
        for (Days.Bound item : bounds) {
            items.add(render(column, field, item));
        }
        return items;
    }
}
