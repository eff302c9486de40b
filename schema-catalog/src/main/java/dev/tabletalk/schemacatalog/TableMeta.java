package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Index;
import java.util.ArrayList;
import java.util.List;

/**
 * One table or view as read from the database, before exposure and forms are decided. Mutable
 * while an introspector fills it; confined to the loading thread.
 */
final class TableMeta {

    final String schema;
    final String name;
    final EntityKind kind;
    String comment;
    final List<Column> columns = new ArrayList<>();
    List<String> primaryKey = List.of();
    final List<List<String>> uniqueKeys = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();

    TableMeta(String schema, String name, EntityKind kind, String comment) {
        this.schema = schema;
        this.name = name;
        this.kind = kind;
        this.comment = comment == null || comment.isBlank() ? null : comment;
    }

    String key() {
        return key(schema, name);
    }

    static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }
}
