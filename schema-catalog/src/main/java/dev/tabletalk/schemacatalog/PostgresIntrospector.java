package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PostgreSQL's own catalog ({@code pg_class}, {@code pg_attribute}, {@code pg_attrdef},
 * {@code pg_constraint}, {@code pg_index}, {@code pg_type}, {@code pg_enum},
 * {@code pg_description}) in five bulk queries. Never {@code information_schema}: its views
 * are two orders of magnitude slower on big schemas (PERFORMANCE-NOTES.md).
 */
final class PostgresIntrospector implements Introspector {

    static final String RELKINDS = "c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition";

    static final String TABLES = """
            select c.oid, n.nspname, c.relname, c.relkind, d.description
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            left join pg_catalog.pg_description d
              on d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = 0
            where n.nspname = any(%s) and %s
            order by n.nspname, c.relname""";

    static final String COLUMNS = """
            select a.attrelid, a.attnum, a.attname,
                   coalesce(bt.typname, t.typname) as typname,
                   coalesce(bt.typtype, t.typtype) as typtype,
                   coalesce(bt.typcategory, t.typcategory) as typcategory,
                   coalesce(bt.oid, t.oid) as typoid,
                   format_type(a.atttypid, a.atttypmod) as formatted,
                   case when t.typtype = 'd' then t.typtypmod else a.atttypmod end as typmod,
                   a.attnotnull or (t.typtype = 'd' and t.typnotnull) as notnull,
                   coalesce(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), t.typdefault) as def,
                   a.attidentity, a.attgenerated, d.description
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_type t on t.oid = a.atttypid
            left join pg_catalog.pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
            left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
            left join pg_catalog.pg_description d
              on d.objoid = a.attrelid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = a.attnum
            where n.nspname = any(%s) and %s and a.attnum > 0 and not a.attisdropped
            order by a.attrelid, a.attnum""";

    static final String ENUMS = """
            select e.enumtypid, e.enumlabel from pg_catalog.pg_enum e order by e.enumtypid, e.enumsortorder""";

    static final String CONSTRAINTS = """
            select con.conrelid, con.conname, con.contype, con.conkey, fn.nspname, fc.relname,
                   array(select fa.attname::text
                         from unnest(con.confkey) with ordinality k(attnum, ord)
                         join pg_catalog.pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = k.attnum
                         order by k.ord) as target_columns,
                   case when con.contype = 'c' then pg_catalog.pg_get_constraintdef(con.oid) end as check_definition
            from pg_catalog.pg_constraint con
            join pg_catalog.pg_class c on c.oid = con.conrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            left join pg_catalog.pg_class fc on fc.oid = con.confrelid
            left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
            where n.nspname = any(%s) and con.contype in ('p', 'u', 'f', 'c')
            order by con.conrelid, con.conname""";

    static final String INDEXES = """
            select i.indrelid, ic.relname, i.indisunique, i.indisprimary, i.indkey::text as indkey
            from pg_catalog.pg_index i
            join pg_catalog.pg_class ic on ic.oid = i.indexrelid
            join pg_catalog.pg_class c on c.oid = i.indrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = any(%s)
            order by i.indrelid, ic.relname""";

    @Override
    public int steps() {
        return 5;
    }

    @Override
    public List<TableMeta> read(Connection connection, List<String> schemas, CatalogProgress progress)
            throws SQLException {
        String schemaFilter = schemas.isEmpty() ? "current_schemas(false)" : "?";
        Array schemaArray = schemas.isEmpty() ? null : connection.createArrayOf("text", schemas.toArray());

        Map<Long, TableMeta> tables = new HashMap<>();
        List<TableMeta> ordered = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, TABLES.formatted(schemaFilter, RELKINDS), schemaArray);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String relkind = rows.getString(4);
                EntityKind kind = relkind.equals("v") || relkind.equals("m") ? EntityKind.VIEW : EntityKind.TABLE;
                TableMeta table = new TableMeta(rows.getString(2), rows.getString(3), kind, rows.getString(5));
                tables.put(rows.getLong(1), table);
                ordered.add(table);
            }
        }
        progress.step("tables", 1, steps());

        Map<Long, List<String>> enumValues = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(ENUMS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                enumValues
                        .computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                        .add(rows.getString(2));
            }
        }
        progress.step("enum types", 2, steps());

        Map<Long, Map<Integer, String>> attributeNames = new HashMap<>();
        try (PreparedStatement statement =
                prepare(connection, COLUMNS.formatted(schemaFilter, RELKINDS), schemaArray)) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long relation = rows.getLong(1);
                    TableMeta table = tables.get(relation);
                    if (table == null) {
                        continue;
                    }
                    String name = rows.getString(3);
                    attributeNames
                            .computeIfAbsent(relation, k -> new HashMap<>())
                            .put(rows.getInt(2), name);
                    table.columns.add(column(rows, name, enumValues));
                }
            }
        }
        progress.step("columns", 3, steps());

        try (PreparedStatement statement = prepare(connection, CONSTRAINTS.formatted(schemaFilter), schemaArray);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long relation = rows.getLong(1);
                TableMeta table = tables.get(relation);
                if (table == null) {
                    continue;
                }
                List<String> columns = names(attributeNames.get(relation), rows.getArray(4));
                String type = rows.getString(3);
                if (type.equals("c")) {
                    CheckConstraints.apply(table, rows.getString(8));
                } else if (type.equals("p")) {
                    table.primaryKey = columns;
                } else if (type.equals("u")) {
                    table.uniqueKeys.add(columns);
                } else {
                    List<String> targetColumns = stringList(rows.getArray(7));
                    if (!columns.isEmpty() && columns.size() == targetColumns.size()) {
                        table.foreignKeys.add(new ForeignKey(
                                rows.getString(2), columns, rows.getString(5), rows.getString(6), targetColumns));
                    }
                }
            }
        }
        progress.step("keys", 4, steps());

        try (PreparedStatement statement = prepare(connection, INDEXES.formatted(schemaFilter), schemaArray);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long relation = rows.getLong(1);
                TableMeta table = tables.get(relation);
                if (table == null) {
                    continue;
                }
                Map<Integer, String> attributes = attributeNames.getOrDefault(relation, Map.of());
                List<String> columns = new ArrayList<>();
                for (String number : rows.getString(5).trim().split("\\s+")) {
                    // 0 is an expression, not a column
                    String column = number.isEmpty() ? null : attributes.get(Integer.parseInt(number));
                    if (column != null) {
                        columns.add(column);
                    }
                }
                if (!columns.isEmpty()) {
                    table.indexes.add(new Index(rows.getString(2), columns, rows.getBoolean(3)));
                }
            }
        }
        progress.step("indexes", 5, steps());
        return ordered;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Array schemas) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (schemas != null) {
            statement.setArray(1, schemas);
        }
        return statement;
    }

    private static Column column(ResultSet rows, String name, Map<Long, List<String>> enumValues) throws SQLException {
        String typname = rows.getString(4);
        String typtype = rows.getString(5);
        String category = rows.getString(6);
        long typeOid = rows.getLong(7);
        String formatted = rows.getString(8);
        int typmod = rows.getInt(9);
        String defaultExpression = rows.getString(11);
        String identity = rows.getString(12);
        String generated = rows.getString(13);

        ValueType type = Types.postgres(typname, typtype, category);
        Generation generation = Generation.NONE;
        if (generated != null && !generated.isEmpty()) {
            generation = Generation.COMPUTED;
            defaultExpression = null;
        } else if ((identity != null && !identity.isEmpty())
                || (defaultExpression != null && defaultExpression.startsWith("nextval("))) {
            generation = Generation.IDENTITY;
        }
        Integer maxLength = null;
        Integer precision = null;
        Integer scale = null;
        NumericRange range = Types.postgresRange(typname);
        if ((typname.equals("varchar") || typname.equals("bpchar")) && typmod >= 4) {
            maxLength = typmod - 4;
        } else if (typname.equals("numeric") && typmod >= 4) {
            precision = ((typmod - 4) >> 16) & 0xffff;
            scale = (typmod - 4) & 0xffff;
            range = Types.decimalRange(precision, scale);
        }
        return Column.builder(name, type)
                .nativeType(formatted)
                .nullable(!rows.getBoolean(10))
                .defaultExpression(defaultExpression)
                .generation(generation)
                .maxLength(maxLength)
                .precision(precision)
                .scale(scale)
                .range(range)
                .enumValues("e".equals(typtype) ? enumValues.getOrDefault(typeOid, List.of()) : List.of())
                .comment(rows.getString(14))
                .build();
    }

    private static List<String> names(Map<Integer, String> attributes, Array numbers) throws SQLException {
        if (numbers == null || attributes == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object number : (Object[]) numbers.getArray()) {
            String name = attributes.get(((Number) number).intValue());
            if (name == null) {
                return List.of();
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> stringList(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(String.valueOf(value));
        }
        return values;
    }
}
