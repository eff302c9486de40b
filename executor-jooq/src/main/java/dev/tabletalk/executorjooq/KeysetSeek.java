package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Paging by keyset ("show more", #13): the columns a read's position is made of (its sort columns, then the primary
 * key), the order that makes them total, and the seek condition "after this position" over them. Each database keeps
 * its own NULL order (PostgreSQL puts NULL above every value, MariaDB, MySQL, SQLite and H2 below), so that indexes
 * still serve the order, and the seek follows that order, so that the two agree on every backend. The position's values are bound parameters; the caller ANDs
 * the tenant and soft-delete scopes outside the seek, exactly as for any read.
 */
final class KeysetSeek {

    private KeysetSeek() {}

    /**
     * The columns of a position of this read, when it can continue by keyset: rows (not an aggregate) of an entity
     * with a primary key, none of whose columns is masked or of a type whose value is not read back as it is stored
     * (binary, JSON, other: a masked or summarised value could not be sought). Empty otherwise: then the read
     * continues by offset.
     */
    static Optional<List<Column>> columns(Entity entity, ReadPlan read) {
        if (read.aggregate().isPresent() || !entity.hasPrimaryKey()) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        for (String name : Keyset.columnsOf(read.orderBy(), entity.primaryKey())) {
            Column column = entity.column(name).orElseThrow();
            if (!isSeekable(column)) {
                return Optional.empty();
            }
            columns.add(column);
        }
        return Optional.of(columns);
    }

    /** The position of one row, read from its values by column name. */
    static Keyset position(List<Column> columns, Map<String, Object> values) {
        List<String> names = Sql.names(columns);
        List<Object> row = new ArrayList<>();
        names.forEach(name -> row.add(values.get(name)));
        return new Keyset(names, row);
    }

    /** One sort field, in the database's own NULL order (an explicit NULLS FIRST/LAST could keep an index out). */
    static SortField<Object> sort(Column column, boolean descending) {
        return sort(Sql.field(column), descending);
    }

    /** {@link #sort(Column, boolean)} of the column's field, already built. */
    static SortField<Object> sort(Field<Object> field, boolean descending) {
        return descending ? field.desc() : field.asc();
    }

    /**
     * Whether the database orders NULL above every value (PostgreSQL: ascending NULLs last, descending first), as
     * opposed to below (MariaDB, MySQL, SQLite, H2: ascending NULLs first, descending last). The seek follows it.
     */
    static boolean nullsHigh(SQLDialect dialect) {
        return dialect.family() == SQLDialect.POSTGRES;
    }

    /**
     * Rows after {@code after} in the order of {@code orderBy} then the primary key ascending: an OR over each
     * column of "every column before it equal, this one beyond", where a NULL equals only NULL and lies above every
     * value when {@code nullsHigh}, else below, as the database orders it.
     */
    static Condition after(Entity entity, List<Sort> orderBy, Keyset after, boolean nullsHigh) {
        List<Condition> alternatives = new ArrayList<>();
        List<Condition> equalSoFar = new ArrayList<>();
        for (String name : after.columns()) {
            Column column = entity.column(name).orElseThrow();
            Field<Object> field = Sql.field(column);
            Object value = after.value(name);
            boolean descending = Keyset.isDescending(name, orderBy);
            // NULLs come after the values in this column's order: ascending above them, or descending below them
            boolean nullsLast = descending != nullsHigh;
            Optional<Condition> beyond = beyond(column, field, value, descending, nullsLast);
            if (beyond.isPresent()) {
                List<Condition> alternative = new ArrayList<>(equalSoFar);
                alternative.add(beyond.get());
                alternatives.add(DSL.and(alternative));
            }
            equalSoFar.add(value == null ? field.isNull() : field.eq(Sql.value(column, value)));
        }
        return alternatives.isEmpty() ? DSL.falseCondition() : DSL.or(alternatives);
    }

    /** The rows of one column that come after {@code value}; empty when none can (past a NULL that comes last). */
    private static Optional<Condition> beyond(
            Column column, Field<Object> field, Object value, boolean descending, boolean nullsLast) {
        if (value == null) {
            return nullsLast ? Optional.empty() : Optional.of(field.isNotNull());
        }
        Field<Object> bound = Sql.value(column, value);
        Condition further = descending ? field.lt(bound) : field.gt(bound);
        return Optional.of(nullsLast && column.nullable() ? further.or(field.isNull()) : further);
    }

    /** Whether a column's value, as read, can be bound again to find the same row. */
    static boolean isSeekable(Column column) {
        return !column.isMasked()
                && column.type() != ValueType.BINARY
                && column.type() != ValueType.JSON
                && column.type() != ValueType.OTHER;
    }
}
