package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;

/** Hand-built introspection results for unit tests. */
final class Tables {

    private final TableMeta meta;

    private Tables(String schema, String name, EntityKind kind) {
        this.meta = new TableMeta(schema, name, kind, null);
    }

    static Tables table(String name) {
        return new Tables("public", name, EntityKind.TABLE);
    }

    static Tables view(String name) {
        return new Tables("public", name, EntityKind.VIEW);
    }

    Tables column(String name, ValueType type) {
        meta.columns.add(Column.builder(name, type).build());
        return this;
    }

    Tables required(String name, ValueType type) {
        meta.columns.add(Column.builder(name, type).nullable(false).build());
        return this;
    }

    Tables withDefault(String name, ValueType type, String expression) {
        meta.columns.add(Column.builder(name, type)
                .nullable(false)
                .defaultExpression(expression)
                .build());
        return this;
    }

    Tables identity(String name) {
        meta.columns.add(Column.builder(name, ValueType.INTEGER)
                .nullable(false)
                .generation(Generation.IDENTITY)
                .build());
        return this;
    }

    Tables computed(String name, ValueType type) {
        meta.columns.add(
                Column.builder(name, type).generation(Generation.COMPUTED).build());
        return this;
    }

    Tables enumColumn(String name, String... values) {
        meta.columns.add(Column.builder(name, ValueType.TEXT)
                .nullable(false)
                .defaultExpression("'" + values[0] + "'")
                .enumValues(List.of(values))
                .build());
        return this;
    }

    Tables primaryKey(String... columns) {
        meta.primaryKey = List.of(columns);
        return this;
    }

    Tables index(String name, String... columns) {
        meta.indexes.add(new Index(name, List.of(columns), false));
        return this;
    }

    Tables foreignKey(String column, String target) {
        meta.foreignKeys.add(new ForeignKey("fk_" + column, List.of(column), "public", target, List.of("id")));
        return this;
    }

    TableMeta build() {
        return meta;
    }
}
