package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads MySQL and MariaDB through {@code information_schema}, one bulk query per kind of
 * metadata, filtered by schema (fast there, unlike on PostgreSQL).
 */
final class MariaDbIntrospector implements Introspector {

    private static final Logger log = LoggerFactory.getLogger(MariaDbIntrospector.class);

    static final String TABLES = """
            select TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_COMMENT
            from information_schema.TABLES where TABLE_SCHEMA %s
            order by TABLE_SCHEMA, TABLE_NAME""";

    static final String COLUMNS = """
            select TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE,
                   CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, EXTRA, COLUMN_COMMENT,
                   GENERATION_EXPRESSION
            from information_schema.COLUMNS where TABLE_SCHEMA %s
            order by TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION""";

    static final String INDEXES = """
            select TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME
            from information_schema.STATISTICS where TABLE_SCHEMA %s
            order by TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX""";

    static final String FOREIGN_KEYS = """
            select TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
                   REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
            from information_schema.KEY_COLUMN_USAGE
            where TABLE_SCHEMA %s and REFERENCED_TABLE_NAME is not null
            order by TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION""";

    /** MariaDB names column-level checks after the column, so the table is part of the key (MySQL lacks it). */
    static final String CHECKS = """
            select CONSTRAINT_SCHEMA, TABLE_NAME, CHECK_CLAUSE
            from information_schema.CHECK_CONSTRAINTS where CONSTRAINT_SCHEMA %s
            order by CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME""";

    @Override
    public int steps() {
        return 5;
    }

    @Override
    public List<TableMeta> read(Connection connection, List<String> schemas, CatalogProgress progress)
            throws SQLException {
        String filter = Introspector.schemaCondition(schemas, "= database()");
        Map<String, TableMeta> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = Introspector.prepare(connection, TABLES.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(3);
                boolean view = type != null && type.toUpperCase(Locale.ROOT).contains("VIEW");
                TableMeta table = new TableMeta(
                        rows.getString(1),
                        rows.getString(2),
                        view ? EntityKind.VIEW : EntityKind.TABLE,
                        view ? null : rows.getString(4));
                tables.put(table.key(), table);
            }
        }
        progress.step("tables", 1, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, COLUMNS.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                if (table != null) {
                    table.columns.add(column(rows));
                }
            }
        }
        progress.step("columns", 2, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, INDEXES.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            Map<String, Boolean> unique = new HashMap<>();
            Map<String, TableMeta> owner = new HashMap<>();
            Map<String, String> indexName = new HashMap<>();
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                String column = rows.getString(5);
                if (table == null || column == null) {
                    continue;
                }
                String key = table.key() + '\u0000' + rows.getString(3);
                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(column);
                unique.put(key, rows.getInt(4) == 0);
                owner.put(key, table);
                indexName.put(key, rows.getString(3));
            }
            for (Map.Entry<String, List<String>> entry : columns.entrySet()) {
                TableMeta table = owner.get(entry.getKey());
                String name = indexName.get(entry.getKey());
                boolean isUnique = unique.get(entry.getKey());
                if (name.equals("PRIMARY")) {
                    table.primaryKey = List.copyOf(entry.getValue());
                } else if (isUnique) {
                    table.uniqueKeys.add(List.copyOf(entry.getValue()));
                }
                table.indexes.add(new Index(name, entry.getValue(), isUnique));
            }
        }
        progress.step("indexes", 3, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, FOREIGN_KEYS.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            TableMeta current = null;
            String constraint = null;
            String targetSchema = null;
            String targetTable = null;
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                String name = rows.getString(3);
                if (current != null && (table != current || !name.equals(constraint))) {
                    current.foreignKeys.add(new ForeignKey(constraint, from, targetSchema, targetTable, to));
                    current = null;
                }
                if (table == null) {
                    continue;
                }
                if (current == null) {
                    current = table;
                    constraint = name;
                    targetSchema = rows.getString(5);
                    targetTable = rows.getString(6);
                    from = new ArrayList<>();
                    to = new ArrayList<>();
                }
                from.add(rows.getString(4));
                to.add(rows.getString(7));
            }
            if (current != null) {
                current.foreignKeys.add(new ForeignKey(constraint, from, targetSchema, targetTable, to));
            }
        }
        progress.step("foreign keys", 4, steps());

        try (PreparedStatement statement = Introspector.prepare(connection, CHECKS.formatted(filter), schemas);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                TableMeta table = tables.get(TableMeta.key(rows.getString(1), rows.getString(2)));
                if (table != null) {
                    CheckConstraints.apply(table, rows.getString(3));
                }
            }
        } catch (SQLSyntaxErrorException e) {
            // MySQL's CHECK_CONSTRAINTS has no TABLE_NAME: its checks stay with the database
            log.debug("check constraints not read: {}", e.getMessage());
        }
        progress.step("check constraints", 5, steps());
        return new ArrayList<>(tables.values());
    }

    private static Column column(ResultSet rows) throws SQLException {
        String name = rows.getString(3);
        String defaultExpression = rows.getString(4);
        boolean nullable = "YES".equalsIgnoreCase(rows.getString(5));
        String dataType = rows.getString(6);
        String columnType = rows.getString(7);
        String extra = rows.getString(11) == null ? "" : rows.getString(11).toLowerCase(Locale.ROOT);
        String generationExpression = rows.getString(13);

        Generation generation = Generation.NONE;
        if (extra.contains("auto_increment")) {
            generation = Generation.IDENTITY;
        } else if (extra.contains("virtual generated")
                || extra.contains("stored generated")
                || extra.equals("virtual")
                || extra.equals("persistent")
                || (generationExpression != null && !generationExpression.isEmpty())) {
            generation = Generation.COMPUTED;
            defaultExpression = null;
        }
        if (defaultExpression != null && defaultExpression.equalsIgnoreCase("NULL")) {
            // MariaDB reports "no default" of a nullable column as the text NULL
            defaultExpression = null;
        }
        ValueType type = Types.mysql(dataType, columnType);
        Integer maxLength = null;
        Integer precision = null;
        Integer scale = null;
        NumericRange range = Types.mysqlRange(dataType, columnType);
        if (type == ValueType.TEXT) {
            long length = rows.getLong(8);
            if (!rows.wasNull() && length > 0 && length <= Integer.MAX_VALUE && !columnType.startsWith("enum")) {
                maxLength = (int) length;
            }
        } else if (type == ValueType.DECIMAL) {
            precision = intOrNull(rows, 9);
            scale = intOrNull(rows, 10);
            range = Types.decimalRange(precision, scale);
            if (range != null && columnType.toLowerCase(Locale.ROOT).contains("unsigned")) {
                range = new NumericRange(BigDecimal.ZERO, range.max());
            }
        }
        return Column.builder(name, type)
                .nativeType(columnType)
                .nullable(nullable)
                .defaultExpression(defaultExpression)
                .generation(generation)
                .maxLength(maxLength)
                .precision(precision)
                .scale(scale)
                .range(range)
                .enumValues(Types.mysqlEnumValues(columnType))
                .comment(rows.getString(12))
                .build();
    }

    private static Integer intOrNull(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : (int) value;
    }
}
