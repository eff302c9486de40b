package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads H2 2.x through its {@code INFORMATION_SCHEMA}, one bulk query per kind of metadata. */
final class H2Introspector implements Introspector {

    private static final String TABLES = """
            select TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, REMARKS from INFORMATION_SCHEMA.TABLES
            where TABLE_SCHEMA %s and TABLE_TYPE in ('BASE TABLE', 'VIEW')
            order by TABLE_SCHEMA, TABLE_NAME""";

    private static final String COLUMNS = """
            select TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE,
                   CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_IDENTITY, IS_GENERATED, REMARKS,
                   DTD_IDENTIFIER
            from INFORMATION_SCHEMA.COLUMNS where TABLE_SCHEMA %s
            order by TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION""";

    private static final String ENUMS = """
            select OBJECT_SCHEMA, OBJECT_NAME, ENUM_IDENTIFIER, VALUE_NAME from INFORMATION_SCHEMA.ENUM_VALUES
            where OBJECT_TYPE = 'TABLE' and OBJECT_SCHEMA %s
            order by OBJECT_SCHEMA, OBJECT_NAME, ENUM_IDENTIFIER, VALUE_ORDINAL""";

    /** All schemas but INFORMATION_SCHEMA: a foreign key may point into another schema. */
    private static final String CONSTRAINTS = """
            select tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_SCHEMA, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,
                   kcu.COLUMN_NAME, kcu.ORDINAL_POSITION, kcu.POSITION_IN_UNIQUE_CONSTRAINT,
                   rc.UNIQUE_CONSTRAINT_SCHEMA, rc.UNIQUE_CONSTRAINT_NAME
            from INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
            join INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu
              on kcu.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            left join INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
              on rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            where tc.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'
              and tc.CONSTRAINT_TYPE in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
            order by tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, kcu.ORDINAL_POSITION""";

    private static final String INDEXES = """
            select TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME, IS_UNIQUE from INFORMATION_SCHEMA.INDEX_COLUMNS
            where TABLE_SCHEMA %s order by TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, ORDINAL_POSITION""";

    @Override
    public int steps() {
        return 5;
    }

    @Override
    public List<TableMeta> read(Connection connection, List<String> schemas, CatalogProgress progress)
            throws SQLException {
        String filter = Introspector.schemaCondition(schemas, "= current_schema");
        Map<String, TableMeta> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = Introspector.prepare(connection, TABLES.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                boolean view = "VIEW".equals(rows.getString(3));
                TableMeta table = new TableMeta(
                        rows.getString(1),
                        rows.getString(2),
                        view ? EntityKind.VIEW : EntityKind.TABLE,
                        rows.getString(4));
                tables.put(table.key(), table);
            }
        }
        progress.step("tables", 1, steps());

        Map<String, List<String>> enumValues = new HashMap<>();
        try (PreparedStatement statement = Introspector.prepare(connection, ENUMS.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String key = TableMeta.key(rows.getString(1), rows.getString(2)) + '\u0000' + rows.getString(3);
                enumValues.computeIfAbsent(key, k -> new ArrayList<>()).add(rows.getString(4));
            }
        }
        progress.step("enum types", 2, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, COLUMNS.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                if (table != null) {
                    List<String> values =
                            enumValues.getOrDefault(table.key() + '\u0000' + rows.getString(13), List.of());
                    table.columns.add(column(rows, values));
                }
            }
        }
        progress.step("columns", 3, steps());

        readConstraints(connection, tables);
        progress.step("keys", 4, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, INDEXES.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            Map<String, Object[]> info = new HashMap<>();
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                if (table == null) {
                    continue;
                }
                String key = table.key() + '\u0000' + rows.getString(3);
                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rows.getString(4));
                info.put(key, new Object[] {table, rows.getString(3), rows.getBoolean(5)});
            }
            columns.forEach((key, names) -> {
                Object[] details = info.get(key);
                ((TableMeta) details[0]).indexes.add(new Index((String) details[1], names, (Boolean) details[2]));
            });
        }
        progress.step("indexes", 5, steps());
        return new ArrayList<>(tables.values());
    }

    private static void readConstraints(Connection connection, Map<String, TableMeta> tables) throws SQLException {
        // constraint key -> position -> column, for resolving foreign key targets
        Map<String, TreeMap<Integer, String>> constraintColumns = new HashMap<>();
        Map<String, String[]> constraintTable = new HashMap<>();
        Map<String, List<Object[]>> foreignKeys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String constraint = rows.getString(3) + '\u0000' + rows.getString(4);
                String type = rows.getString(5);
                String tableSchema = rows.getString(1);
                String tableName = rows.getString(2);
                String column = rows.getString(6);
                if (type.equals("FOREIGN KEY")) {
                    foreignKeys
                            .computeIfAbsent(constraint, k -> new ArrayList<>())
                            .add(new Object[] {
                                tableSchema,
                                tableName,
                                rows.getString(4),
                                column,
                                rows.getInt(8),
                                rows.getString(9) + '\u0000' + rows.getString(10)
                            });
                } else {
                    constraintColumns
                            .computeIfAbsent(constraint, k -> new TreeMap<>())
                            .put(rows.getInt(7), column);
                    constraintTable.put(constraint, new String[] {tableSchema, tableName, type});
                }
            }
        }
        constraintColumns.forEach((constraint, columns) -> {
            String[] owner = constraintTable.get(constraint);
            TableMeta table = tables.get(TableMeta.key(owner[0], owner[1]));
            if (table != null) {
                if (owner[2].equals("PRIMARY KEY")) {
                    table.primaryKey = List.copyOf(columns.values());
                } else {
                    table.uniqueKeys.add(List.copyOf(columns.values()));
                }
            }
        });
        for (List<Object[]> parts : foreignKeys.values()) {
            Object[] first = parts.get(0);
            TableMeta table = tables.get(TableMeta.key((String) first[0], (String) first[1]));
            String target = (String) first[5];
            TreeMap<Integer, String> targetColumns = constraintColumns.get(target);
            String[] targetTable = constraintTable.get(target);
            if (table == null || targetColumns == null || targetTable == null) {
                continue;
            }
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            for (Object[] part : parts) {
                from.add((String) part[3]);
                to.add(targetColumns.get((Integer) part[4]));
            }
            if (!to.contains(null)) {
                table.foreignKeys.add(new ForeignKey((String) first[2], from, targetTable[0], targetTable[1], to));
            }
        }
    }

    private static Column column(ResultSet rows, List<String> enumValues) throws SQLException {
        String dataType = rows.getString(6);
        ValueType type = Types.h2(dataType);
        boolean identity = "YES".equals(rows.getString(10));
        boolean computed = "ALWAYS".equals(rows.getString(11));
        Integer maxLength = null;
        Integer precision = null;
        Integer scale = null;
        NumericRange range = Types.h2Range(dataType);
        if (type == ValueType.TEXT && enumValues.isEmpty()) {
            long length = rows.getLong(7);
            if (!rows.wasNull() && length > 0 && length < Integer.MAX_VALUE) {
                maxLength = (int) length;
            }
        } else if (type == ValueType.DECIMAL) {
            long p = rows.getLong(8);
            precision = rows.wasNull() ? null : (int) p;
            long s = rows.getLong(9);
            scale = rows.wasNull() ? null : (int) s;
            range = Types.decimalRange(precision, scale);
        }
        return Column.builder(rows.getString(3), type)
                .nativeType(dataType)
                .nullable("YES".equals(rows.getString(5)))
                .defaultExpression(computed ? null : rows.getString(4))
                .generation(computed ? Generation.COMPUTED : identity ? Generation.IDENTITY : Generation.NONE)
                .maxLength(maxLength)
                .precision(precision)
                .scale(scale)
                .range(range)
                .enumValues(enumValues)
                .comment(rows.getString(12))
                .build();
    }
}
