package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two shapes of CHECK constraint that a conversation can respect before the database
 * does: a list of allowed values ({@code status IN ('a', 'b')}, PostgreSQL's
 * {@code status = ANY (ARRAY['a'::text, ...])}) becomes the column's enum values, and a bound on a
 * number ({@code stock >= 0}) narrows the column's range. Anything else is left to the database,
 * whose refusal the executor turns into a friendly message.
 */
final class CheckConstraints {

    private static final Pattern IDENTIFIER = Pattern.compile("[`\"]?([\\p{L}_][\\p{L}\\p{N}_$]*)[`\"]?");
    private static final Pattern IN_LIST = Pattern.compile(
            "^\\(*" + IDENTIFIER.pattern() + "(?:\\)?::[\\w ]+\\)?)?\\s+in\\s*\\((.*?)\\)\\)*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ANY_ARRAY = Pattern.compile(
            "^\\(*" + IDENTIFIER.pattern() + "\\)?(?:::[\\w ]+)?\\s*=\\s*any\\s*\\(+\\s*array\\s*\\[(.*?)\\]"
                    + "(?:\\)?::[\\w \\[\\]]+)?\\)+$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'(?:::[\\w \\[\\]]+)?");
    private static final Pattern BOUND = Pattern.compile(
            "^\\(*" + IDENTIFIER.pattern() + "\\)?\\s*(>=|>|<=|<)\\s*\\(?(-?\\d+(?:\\.\\d+)?)\\)?(?:::[\\w ]+)?\\)*$",
            Pattern.CASE_INSENSITIVE);

    private CheckConstraints() {}

    /** Applies one constraint's definition ({@code CHECK (...)} or just the condition) to the table's columns. */
    static void apply(TableMeta table, String definition) {
        String condition = strip(definition);
        Optional<Rule> rule = allowedValues(condition).or(() -> bound(condition));
        rule.ifPresent(r -> {
            for (int i = 0; i < table.columns.size(); i++) {
                Column column = table.columns.get(i);
                if (column.name().equals(r.column())) {
                    table.columns.set(i, r.applyTo(column));
                }
            }
        });
    }

    /**
     * The conditions of every {@code CHECK (...)} in a {@code CREATE TABLE} statement, column and table
     * constraints alike (SQLite keeps no other record of them). Quoted text and identifiers are skipped, so a
     * {@code check} inside a string or a name is not taken for one.
     */
    static List<String> inCreateStatement(String sql) {
        List<String> conditions = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                i = afterQuoted(sql, i);
            } else if (sql.regionMatches(true, i, "CHECK", 0, 5)
                    && !isWordChar(sql, i - 1)
                    && !isWordChar(sql, i + 5)) {
                int open = i + 5;
                while (open < sql.length() && Character.isWhitespace(sql.charAt(open))) {
                    open++;
                }
                int close = open < sql.length() && sql.charAt(open) == '(' ? matching(sql, open) : -1;
                if (close < 0) {
                    i = open;
                } else {
                    conditions.add(sql.substring(open + 1, close));
                    i = close + 1;
                }
            } else {
                i++;
            }
        }
        return conditions;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int matching(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                i = afterQuoted(sql, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The index after a quoted string or identifier starting at {@code start} (doubled quotes stay inside). */
    private static int afterQuoted(String sql, int start) {
        char close = sql.charAt(start) == '[' ? ']' : sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == close) {
                if (close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isWordChar(String sql, int index) {
        if (index < 0 || index >= sql.length()) {
            return false;
        }
        char c = sql.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String strip(String definition) {
        String text = definition.strip();
        if (text.regionMatches(true, 0, "CHECK", 0, 5)) {
            text = text.substring(5).strip();
        }
        return text.replaceAll("\\s+NOT VALID$", "").strip();
    }

    private static Optional<Rule> allowedValues(String condition) {
        for (Pattern pattern : List.of(ANY_ARRAY, IN_LIST)) {
            Matcher matcher = pattern.matcher(condition);
            if (matcher.matches()) {
                List<String> values = literals(matcher.group(2));
                if (!values.isEmpty()) {
                    String column = matcher.group(1);
                    return Optional.of(new Rule(column, values, null, null));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> literals(String list) {
        List<String> values = new ArrayList<>();
        Matcher matcher = LITERAL.matcher(list);
        int end = 0;
        while (matcher.find()) {
            if (!list.substring(end, matcher.start()).replace(",", "").isBlank()) {
                return List.of();
            }
            values.add(matcher.group(1).replace("''", "'"));
            end = matcher.end();
        }
        return list.substring(end).isBlank() ? values : List.of();
    }

    private static Optional<Rule> bound(String condition) {
        Matcher matcher = BOUND.matcher(condition);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(matcher.group(1), List.of(), matcher.group(2), new BigDecimal(matcher.group(3))));
    }

    /** One understood constraint: allowed values, or {@code column op bound}. */
    private record Rule(String column, List<String> values, String op, BigDecimal bound) {

        Column applyTo(Column column) {
            if (!values.isEmpty()) {
                return column.isEnum() || column.type() != ValueType.TEXT
                        ? column
                        : column.toBuilder().enumValues(values).build();
            }
            boolean strict = op.equals(">") || op.equals("<");
            boolean integer = column.type() == ValueType.INTEGER;
            // a strict bound is an inclusive one only for whole numbers; on decimals it stays with the database
            if (!(integer || (column.type() == ValueType.DECIMAL && !strict))) {
                return column;
            }
            BigDecimal inclusive =
                    !strict ? bound : op.equals(">") ? bound.add(BigDecimal.ONE) : bound.subtract(BigDecimal.ONE);
            if (integer && inclusive.stripTrailingZeros().scale() > 0) {
                return column;
            }
            BigDecimal unbounded = BigDecimal.TEN.pow(38);
            NumericRange current = column.range().orElse(new NumericRange(unbounded.negate(), unbounded));
            BigDecimal low = op.startsWith(">") ? inclusive.max(current.min()) : current.min();
            BigDecimal high = op.startsWith("<") ? inclusive.min(current.max()) : current.max();
            return low.compareTo(high) > 0
                    ? column
                    : column.toBuilder().range(new NumericRange(low, high)).build();
        }
    }
}
