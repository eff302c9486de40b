package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The jOOQ parts of one entity of one catalog generation that no read changes: its table, its name and a field per
 * column, built once ({@link EntitySqls}) instead of on every statement. jOOQ's tables and plain fields are immutable
 * (final members only), so one instance serves every thread; sort fields are not (jOOQ's {@code nullsFirst()} sets a
 * member of the sort field itself), so they are never kept here: each read makes its own from these fields.
 *
 * <p>Also the column lists a read of the entity derives from the catalog alone: the columns a read without a field
 * list shows (the form's read fields, else every visible column; never a hidden one, invariant 6), the primary key
 * and the tie-break of every order. Each part is exactly what {@link Sql} builds for the entity, so a statement is
 * the same with or without this cache (EntitySqlTest renders both).
 */
final class EntitySql {

    private final Entity entity;
    private final Table<Record> table;
    private final Name name;
    /** A field per column, by the column object itself: a column of another entity, even of the same name, misses. */
    private final Map<Column, Field<Object>> fields;

    private final List<Column> primaryKey;
    private final List<Column> tieBreak;
    private final List<Column> defaultShown;

    EntitySql(Entity entity) {
        this.entity = entity;
        this.table = Sql.table(entity);
        this.name = Sql.qualified(entity);
        Map<Column, Field<Object>> byColumn = new IdentityHashMap<>();
        for (Column column : entity.columns()) {
            byColumn.put(column, Sql.field(column));
        }
        this.fields = byColumn;
        this.primaryKey = List.copyOf(Sql.primaryKey(entity));
        List<Column> visible = entity.visibleColumns();
        this.tieBreak = entity.hasPrimaryKey() ? primaryKey : visible.isEmpty() ? List.of() : List.of(visible.get(0));
        this.defaultShown = List.copyOf(shown(entity, List.of()));
    }

    Entity entity() {
        return entity;
    }

    /** {@link Sql#table} of the entity. */
    Table<Record> table() {
        return table;
    }

    /** {@link Sql#qualified} of the entity. */
    Name name() {
        return name;
    }

    /** {@link Sql#field(Column)} of {@code column}, built once when it is a column of this entity. */
    Field<Object> field(Column column) {
        Field<Object> field = fields.get(column);
        return field != null ? field : Sql.field(column);
    }

    /** {@link Sql#fields} of {@code columns}. */
    List<Field<?>> fields(List<Column> columns) {
        List<Field<?>> list = new ArrayList<>(columns.size());
        for (Column column : columns) {
            list.add(field(column));
        }
        return list;
    }

    /** {@link Sql#primaryKey}. */
    List<Column> primaryKey() {
        return primaryKey;
    }

    /** The columns every order ends with: the primary key, else the first visible column, else none. */
    List<Column> tieBreak() {
        return tieBreak;
    }

    /**
     * The columns a read of {@code names} shows, in order, each once, without a hidden one (invariant 6): the form's
     * read fields or every visible column when {@code names} is empty. Empty when nothing is left to show.
     */
    List<Column> shown(List<String> names) {
        return names.isEmpty() ? defaultShown : shown(entity, names);
    }

    private static List<Column> shown(Entity entity, List<String> fields) {
        List<String> names = !fields.isEmpty()
                ? fields
                : !entity.form().readNames().isEmpty() ? entity.form().readNames() : Sql.names(entity.visibleColumns());
        List<Column> columns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            // INV-6: hidden columns are never selected, whatever the plan or the form says
            Optional<Column> column = entity.column(name).filter(c -> !c.isHidden());
            column.ifPresent(columns::add);
        }
        return columns;
    }
}
