package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps native type names of each dialect to portable value types and value ranges. */
final class Types {

    static final NumericRange TINYINT = NumericRange.of(Byte.MIN_VALUE, Byte.MAX_VALUE);
    static final NumericRange TINYINT_UNSIGNED = NumericRange.of(0, 255);
    static final NumericRange SMALLINT = NumericRange.of(Short.MIN_VALUE, Short.MAX_VALUE);
    static final NumericRange SMALLINT_UNSIGNED = NumericRange.of(0, 65_535);
    static final NumericRange MEDIUMINT = NumericRange.of(-8_388_608, 8_388_607);
    static final NumericRange MEDIUMINT_UNSIGNED = NumericRange.of(0, 16_777_215);
    static final NumericRange INT = NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final NumericRange INT_UNSIGNED = NumericRange.of(0, 4_294_967_295L);
    static final NumericRange BIGINT = NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE);
    static final NumericRange BIGINT_UNSIGNED =
            new NumericRange(BigDecimal.ZERO, new BigDecimal("18446744073709551615"));
    static final NumericRange YEAR = NumericRange.of(1901, 2155);

    private Types() {}

    /** PostgreSQL, by the (base) type's {@code typname}, {@code typtype} and {@code typcategory}. */
    static ValueType postgres(String typname, String typtype, String category) {
        if ("A".equals(category)) {
            return ValueType.OTHER;
        }
        if ("e".equals(typtype)) {
            return ValueType.TEXT;
        }
        return switch (typname) {
            case "int2", "int4", "int8" -> ValueType.INTEGER;
            case "numeric", "money" -> ValueType.DECIMAL;
            case "float4", "float8" -> ValueType.FLOAT;
            case "bool" -> ValueType.BOOLEAN;
            case "text", "varchar", "bpchar", "char", "name", "citext" -> ValueType.TEXT;
            case "date" -> ValueType.DATE;
            case "time", "timetz" -> ValueType.TIME;
            case "timestamp" -> ValueType.TIMESTAMP;
            case "timestamptz" -> ValueType.TIMESTAMP_TZ;
            case "uuid" -> ValueType.UUID;
            case "json", "jsonb" -> ValueType.JSON;
            case "bytea" -> ValueType.BINARY;
            default -> ValueType.OTHER;
        };
    }

    static NumericRange postgresRange(String typname) {
        return switch (typname) {
            case "int2" -> SMALLINT;
            case "int4" -> INT;
            case "int8" -> BIGINT;
            default -> null;
        };
    }

    /** MySQL/MariaDB, by {@code DATA_TYPE} and {@code COLUMN_TYPE}. */
    static ValueType mysql(String dataType, String columnType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint" -> full.startsWith("tinyint(1)") ? ValueType.BOOLEAN : ValueType.INTEGER;
            case "smallint", "mediumint", "int", "integer", "bigint", "year" -> ValueType.INTEGER;
            case "decimal", "numeric", "dec", "fixed" -> ValueType.DECIMAL;
            case "float", "double", "real", "double precision" -> ValueType.FLOAT;
            case "bit" -> full.equals("bit(1)") ? ValueType.BOOLEAN : ValueType.OTHER;
            case "bool", "boolean" -> ValueType.BOOLEAN;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum" -> ValueType.TEXT;
            case "date" -> ValueType.DATE;
            case "time" -> ValueType.TIME;
            case "datetime", "timestamp" -> ValueType.TIMESTAMP;
            case "json" -> ValueType.JSON;
            case "uuid" -> ValueType.UUID;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> ValueType.BINARY;
            default -> ValueType.OTHER;
        };
    }

    static NumericRange mysqlRange(String dataType, String columnType) {
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint" ->
                columnType.toLowerCase(Locale.ROOT).startsWith("tinyint(1)")
                        ? null
                        : unsigned ? TINYINT_UNSIGNED : TINYINT;
            case "smallint" -> unsigned ? SMALLINT_UNSIGNED : SMALLINT;
            case "mediumint" -> unsigned ? MEDIUMINT_UNSIGNED : MEDIUMINT;
            case "int", "integer" -> unsigned ? INT_UNSIGNED : INT;
            case "bigint" -> unsigned ? BIGINT_UNSIGNED : BIGINT;
            case "year" -> YEAR;
            default -> null;
        };
    }

    /** The values of a MySQL {@code enum('a','b')} column type. */
    static List<String> mysqlEnumValues(String columnType) {
        if (!columnType.toLowerCase(Locale.ROOT).startsWith("enum(")) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        String body = columnType.substring(5, columnType.lastIndexOf(')'));
        StringBuilder current = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (current == null) {
                if (c == '\'') {
                    current = new StringBuilder();
                }
            } else if (c == '\'') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    values.add(current.toString());
                    current = null;
                }
            } else if (c == '\\' && i + 1 < body.length()) {
                current.append(body.charAt(++i));
            } else {
                current.append(c);
            }
        }
        return values;
    }

    /** SQLite, by the declared type (its affinity rules, refined by common names). */
    static ValueType sqlite(String declared) {
        String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            return ValueType.OTHER;
        }
        if (type.startsWith("BOOL")) {
            return ValueType.BOOLEAN;
        }
        if (type.contains("DATETIME") || type.contains("TIMESTAMP")) {
            return ValueType.TIMESTAMP;
        }
        if (type.startsWith("DATE")) {
            return ValueType.DATE;
        }
        if (type.startsWith("TIME")) {
            return ValueType.TIME;
        }
        if (type.startsWith("UUID")) {
            return ValueType.UUID;
        }
        if (type.startsWith("JSON")) {
            return ValueType.JSON;
        }
        if (type.contains("INT")) {
            return ValueType.INTEGER;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return ValueType.TEXT;
        }
        if (type.contains("BLOB")) {
            return ValueType.BINARY;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return ValueType.FLOAT;
        }
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC") || type.startsWith("MONEY")) {
            return ValueType.DECIMAL;
        }
        return ValueType.OTHER;
    }

    static NumericRange sqliteRange(String declared) {
        String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (type.startsWith("TINYINT")) {
            return TINYINT;
        }
        if (type.startsWith("SMALLINT")) {
            return SMALLINT;
        }
        if (type.startsWith("INT") || type.startsWith("MEDIUMINT")) {
            return type.startsWith("INTEGER") ? BIGINT : INT;
        }
        if (type.startsWith("BIGINT")) {
            return BIGINT;
        }
        return type.contains("INT") ? BIGINT : null;
    }

    /** H2 2.x, by {@code INFORMATION_SCHEMA.COLUMNS.DATA_TYPE}. */
    static ValueType h2(String dataType) {
        String type = dataType.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> ValueType.INTEGER;
            case "NUMERIC", "DECIMAL", "DECFLOAT" -> ValueType.DECIMAL;
            case "REAL", "DOUBLE PRECISION", "FLOAT" -> ValueType.FLOAT;
            case "BOOLEAN" -> ValueType.BOOLEAN;
            case "CHARACTER VARYING", "CHARACTER", "CHARACTER LARGE OBJECT", "VARCHAR_IGNORECASE", "ENUM" ->
                ValueType.TEXT;
            case "DATE" -> ValueType.DATE;
            case "TIME", "TIME WITH TIME ZONE" -> ValueType.TIME;
            case "TIMESTAMP" -> ValueType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> ValueType.TIMESTAMP_TZ;
            case "UUID" -> ValueType.UUID;
            case "JSON" -> ValueType.JSON;
            case "BINARY", "BINARY VARYING", "BINARY LARGE OBJECT", "JAVA_OBJECT" -> ValueType.BINARY;
            default -> ValueType.OTHER;
        };
    }

    static NumericRange h2Range(String dataType) {
        return switch (dataType.toUpperCase(Locale.ROOT)) {
            case "TINYINT" -> TINYINT;
            case "SMALLINT" -> SMALLINT;
            case "INTEGER" -> INT;
            case "BIGINT" -> BIGINT;
            default -> null;
        };
    }

    /** The range of a decimal with this precision and scale: ±(10^(p-s) - 10^-s). */
    static NumericRange decimalRange(Integer precision, Integer scale) {
        if (precision == null || precision <= 0 || precision > 1000) {
            return null;
        }
        int digitsAfter = scale == null ? 0 : Math.max(0, scale);
        BigDecimal max = BigDecimal.TEN.pow(precision).subtract(BigDecimal.ONE).movePointLeft(digitsAfter);
        return new NumericRange(max.negate(), max);
    }

    /** {@code (n)} or {@code (p,s)} from a declared type such as {@code VARCHAR(45)}. */
    static int[] parenthesised(String declared) {
        if (declared == null) {
            return new int[0];
        }
        int open = declared.indexOf('(');
        int close = declared.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return new int[0];
        }
        String[] parts = declared.substring(open + 1, close).split(",");
        int[] numbers = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                numbers[i] = Integer.parseInt(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            return new int[0];
        }
        return numbers;
    }
}
