package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads SQLite through {@code sqlite_master} joined with the table-valued pragma functions
 * ({@code pragma_table_xinfo}, {@code pragma_index_list}, {@code pragma_index_info},
 * {@code pragma_foreign_key_list}): four queries whatever the number of tables. SQLite has one
 * schema here ({@code main}, reported as the empty schema) and no comments.
 */
final class SqliteIntrospector implements Introspector {

    private static final String TABLES = """
            select type, name, sql from sqlite_master where type in ('table', 'view') order by name""";

    private static final String COLUMNS = """
            select m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
            from sqlite_master m join pragma_table_xinfo(m.name) p
            where m.type in ('table', 'view') order by m.name, p.cid""";

    private static final String INDEXES = """
            select m.name, il.name, il."unique", il.origin, ii.name
            from sqlite_master m join pragma_index_list(m.name) il join pragma_index_info(il.name) ii
            where m.type = 'table' order by m.name, il.name, ii.seqno""";

    private static final String FOREIGN_KEYS = """
            select m.name, fk.id, fk."table", fk."from", fk."to"
            from sqlite_master m join pragma_foreign_key_list(m.name) fk
            where m.type = 'table' order by m.name, fk.id, fk.seq""";

    @Override
    public int steps() {
        return 4;
    }

    @Override
    public List<TableMeta> read(Connection connection, List<String> schemas, CatalogProgress progress)
            throws SQLException {
        Map<String, TableMeta> tables = new LinkedHashMap<>();
        Map<String, Boolean> withoutRowid = new LinkedHashMap<>();
        Map<String, String> createStatements = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(2);
                boolean view = "view".equals(rows.getString(1));
                tables.put(name, new TableMeta("", name, view ? EntityKind.VIEW : EntityKind.TABLE, null));
                String sql = rows.getString(3);
                if (sql != null && !view) {
                    createStatements.put(name, sql);
                }
                withoutRowid.put(
                        name,
                        sql != null
                                && sql.toUpperCase(Locale.ROOT)
                                        .replaceAll("\\s+", " ")
                                        .contains("WITHOUT ROWID"));
            }
        }
        progress.step("tables", 1, steps());

        Map<String, TreeMap<Integer, String>> primaryKeys = new LinkedHashMap<>();
        Map<String, List<Object[]>> rawColumns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                int pk = rows.getInt(7);
                String name = rows.getString(3);
                if (pk > 0) {
                    primaryKeys.computeIfAbsent(table, k -> new TreeMap<>()).put(pk, name);
                }
                rawColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Object[] {
                    name, rows.getString(4), rows.getInt(5) != 0, rows.getString(6), rows.getInt(8)
                });
            }
        }
        for (Map.Entry<String, List<Object[]>> entry : rawColumns.entrySet()) {
            TableMeta table = tables.get(entry.getKey());
            if (table == null) {
                continue;
            }
            TreeMap<Integer, String> pk = primaryKeys.getOrDefault(entry.getKey(), new TreeMap<>());
            table.primaryKey = List.copyOf(pk.values());
            for (Object[] raw : entry.getValue()) {
                String name = (String) raw[0];
                String declared = raw[1] == null ? "" : (String) raw[1];
                boolean rowidAlias = pk.size() == 1
                        && pk.containsValue(name)
                        && declared.equalsIgnoreCase("INTEGER")
                        && !withoutRowid.get(entry.getKey());
                table.columns.add(column(
                        name,
                        declared,
                        (Boolean) raw[2],
                        (String) raw[3],
                        (Integer) raw[4],
                        rowidAlias,
                        pk.containsValue(name)));
            }
        }
        // CHECK lists of allowed values and numeric bounds, read from the CREATE TABLE statements
        createStatements.forEach((name, sql) -> {
            TableMeta table = tables.get(name);
            for (String condition : CheckConstraints.inCreateStatement(sql)) {
                CheckConstraints.apply(table, "CHECK (" + condition + ")");
            }
        });
        progress.step("columns", 2, steps());

        try (PreparedStatement statement = connection.prepareStatement(INDEXES);
                ResultSet rows = statement.executeQuery()) {
            String currentTable = null;
            String currentIndex = null;
            boolean unique = false;
            String origin = null;
            List<String> columns = new ArrayList<>();
            boolean complete = true;
            while (true) {
                boolean more = rows.next();
                String table = more ? rows.getString(1) : null;
                String index = more ? rows.getString(2) : null;
                if (currentIndex != null && (!more || !index.equals(currentIndex) || !table.equals(currentTable))) {
                    TableMeta meta = tables.get(currentTable);
                    if (meta != null && complete && !columns.isEmpty()) {
                        meta.indexes.add(new Index(currentIndex, columns, unique));
                        if (unique && "u".equals(origin)) {
                            meta.uniqueKeys.add(List.copyOf(columns));
                        }
                    }
                    currentIndex = null;
                }
                if (!more) {
                    break;
                }
                if (currentIndex == null) {
                    currentTable = table;
                    currentIndex = index;
                    unique = rows.getInt(3) != 0;
                    origin = rows.getString(4);
                    columns = new ArrayList<>();
                    complete = true;
                }
                String column = rows.getString(5);
                if (column == null) {
                    complete = false; // an expression index
                } else {
                    columns.add(column);
                }
            }
        }
        progress.step("indexes", 3, steps());

        try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS);
                ResultSet rows = statement.executeQuery()) {
            Map<String, List<String[]>> keys = new LinkedHashMap<>();
            while (rows.next()) {
                String key = rows.getString(1) + '\u0000' + rows.getInt(2);
                keys.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new String[] {rows.getString(1), rows.getString(3), rows.getString(4), rows.getString(5)});
            }
            for (List<String[]> parts : keys.values()) {
                TableMeta table = tables.get(parts.get(0)[0]);
                if (table == null) {
                    continue;
                }
                String target = parts.get(0)[1];
                List<String> from = new ArrayList<>();
                List<String> to = new ArrayList<>();
                for (String[] part : parts) {
                    from.add(part[2]);
                    to.add(part[3]);
                }
                if (to.contains(null)) {
                    // REFERENCES t without columns means t's primary key
                    TableMeta targetTable = findIgnoringCase(tables, target);
                    to = targetTable == null ? List.of() : targetTable.primaryKey;
                }
                if (to.size() == from.size()) {
                    String name = "fk_" + table.name + "_" + table.foreignKeys.size();
                    table.foreignKeys.add(new ForeignKey(name, from, "", target, to));
                }
            }
        }
        progress.step("foreign keys", 4, steps());
        return new ArrayList<>(tables.values());
    }

    private static TableMeta findIgnoringCase(Map<String, TableMeta> tables, String name) {
        TableMeta exact = tables.get(name);
        if (exact != null) {
            return exact;
        }
        return tables.values().stream()
                .filter(t -> t.name.equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }

    private static Column column(
            String name,
            String declared,
            boolean notNull,
            String defaultValue,
            int hidden,
            boolean rowidAlias,
            boolean primaryKey) {
        ValueType type = Types.sqlite(declared);
        Generation generation =
                hidden == 2 || hidden == 3 ? Generation.COMPUTED : rowidAlias ? Generation.IDENTITY : Generation.NONE;
        int[] size = Types.parenthesised(declared);
        Integer maxLength = type == ValueType.TEXT && size.length == 1 ? size[0] : null;
        Integer precision = type == ValueType.DECIMAL && size.length >= 1 ? size[0] : null;
        Integer scale = type == ValueType.DECIMAL && size.length == 2 ? size[1] : null;
        return Column.builder(name, type)
                .nativeType(declared.isEmpty() ? "(none)" : declared)
                // SQLite lets legacy non-integer key columns hold NULL; a key is treated as NOT NULL anyway
                .nullable(!notNull && !primaryKey)
                .defaultExpression(generation == Generation.COMPUTED ? null : defaultValue)
                .generation(generation)
                .maxLength(maxLength)
                .precision(precision)
                .scale(scale)
                .range(
                        type == ValueType.INTEGER
                                ? Types.sqliteRange(declared)
                                : type == ValueType.DECIMAL ? Types.decimalRange(precision, scale) : null)
                .build();
    }
}
