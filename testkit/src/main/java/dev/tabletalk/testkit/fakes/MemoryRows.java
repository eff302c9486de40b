package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Days;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link InMemoryExecutor} compares, filters, orders, masks and hashes stored rows, as a database
 * and the real executor would: numbers by value, text filters case-insensitive (accent-sensitive) with wildcards taken
 * literally, a stable order ending in the primary key, masks that keep a hint of the value.
 */
final class MemoryRows {

    static final String MASK = "***";

    private MemoryRows() {}

    /** Whether a stored value satisfies a (validated) filter; NULL satisfies only IS NULL. */
    static boolean matches(Object actual, Filter filter) {
        if ((actual instanceof LocalDateTime || actual instanceof OffsetDateTime) && Days.hasDays(filter)) {
            // #13: a date alone on a timestamp column is a whole day, as the core defines it for every executor
            return holds(actual, Days.bounds(filter, actual instanceof OffsetDateTime));
        }
        Object expected = filter.value();
        return switch (filter.op()) {
            case IS_NULL -> actual == null;
            case IS_NOT_NULL -> actual != null;
            case EQ -> actual != null && equal(actual, expected);
            case NE -> actual != null && !equal(actual, expected);
            case LT -> actual != null && compare(actual, expected) < 0;
            case LE -> actual != null && compare(actual, expected) <= 0;
            case GT -> actual != null && compare(actual, expected) > 0;
            case GE -> actual != null && compare(actual, expected) >= 0;
            case CONTAINS -> actual != null && lower(actual).contains(lower(expected));
            case STARTS_WITH -> actual != null && lower(actual).startsWith(lower(expected));
            case ENDS_WITH -> actual != null && lower(actual).endsWith(lower(expected));
            case IN -> actual != null && ((List<?>) expected).stream().anyMatch(v -> equal(actual, v));
            case NOT_IN -> actual != null && ((List<?>) expected).stream().noneMatch(v -> equal(actual, v));
            case BETWEEN ->
                actual != null
                        && compare(actual, ((List<?>) expected).get(0)) >= 0
                        && compare(actual, ((List<?>) expected).get(1)) <= 0;
        };
    }

    private static boolean holds(Object actual, Days.Bound bound) {
        if (bound instanceof Days.All all) {
            return all.items().stream().allMatch(item -> holds(actual, item));
        }
        if (bound instanceof Days.Any any) {
            return any.items().stream().anyMatch(item -> holds(actual, item));
        }
        Days.Compare compare = (Days.Compare) bound;
        return matches(actual, Filter.of("day", compare.op(), compare.value()));
    }

    /** Whether every condition holds on the row of {@code entity}; links are followed in {@code scope}. */
    static boolean matchesAll(Map<String, Object> row, List<Condition> conditions, Entity entity, MemoryScope scope) {
        return conditions.stream().allMatch(c -> matches(row, c, entity, scope));
    }

    /**
     * Whether a (validated) condition holds on the row: an {@code anyOf} when one of its items does, a
     * {@code not} exactly when its item does not (a row whose field is empty included), a link when the row
     * points at a row the caller may reach that matches the link's conditions ({@link MemoryScope#links}), as the
     * real executor.
     */
    static boolean matches(Map<String, Object> row, Condition condition, Entity entity, MemoryScope scope) {
        if (condition instanceof AnyOf anyOf) {
            return anyOf.items().stream().anyMatch(item -> matches(row, item, entity, scope));
        }
        if (condition instanceof Not not) {
            return !matches(row, not.item(), entity, scope);
        }
        if (condition instanceof Related related) {
            return scope.links(entity, row, related);
        }
        Filter filter = (Filter) condition;
        return matches(row.get(filter.field()), filter);
    }

    /**
     * Whether a stored value equals a filter's value: text case-insensitively but accent-sensitively (#13,
     * as the real executor compares), anything else by {@link #compare}.
     */
    static boolean equal(Object actual, Object expected) {
        if (actual instanceof String a && expected instanceof String b) {
            return lower(a).equals(lower(b));
        }
        return compare(actual, expected) == 0;
    }

    /** Numbers by value, other values of one type by their natural order, anything else as text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (actual instanceof Comparable a && actual.getClass().isInstance(expected)) {
            return a.compareTo(expected);
        }
        return String.valueOf(actual).compareTo(String.valueOf(expected));
    }

    /** Whether two stored or plan values are the same value ({@code 5L} and {@code 5} are). */
    static boolean same(Object a, Object b) {
        return a == null ? b == null : b != null && compare(a, b) == 0;
    }

    /**
     * Lower-cases each code point on its own, independent of any locale, as the databases' {@code lower()}
     * (and the executor's SQLite function) do: {@code É} becomes {@code é}, {@code ß} stays {@code ß}, no
     * Turkish dotless i.
     */
    private static String lower(Object value) {
        String text = String.valueOf(value);
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(c)));
        return folded.toString();
    }

    /** The plan's order, then the primary key (the first visible column without one), as the real executor orders. */
    static Comparator<Map<String, Object>> order(Entity entity, List<Sort> orderBy) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        List<Sort> sorts = new ArrayList<>(orderBy);
        List<String> tieBreak = entity.hasPrimaryKey()
                ? entity.primaryKey()
                : entity.visibleColumns().stream().limit(1).map(Column::name).toList();
        tieBreak.forEach(key -> sorts.add(Sort.ascending(key)));
        for (Sort sort : sorts) {
            Comparator<Map<String, Object>> byField =
                    (a, b) -> compareNullsFirst(a.get(sort.field()), b.get(sort.field()));
            order = order.thenComparing(sort.descending() ? byField.reversed() : byField);
        }
        return order;
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b);
    }

    /** The row's primary key. */
    static RowKey key(Entity entity, Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        entity.primaryKey().forEach(name -> values.put(name, row.get(name)));
        return RowKey.of(values);
    }

    /** The primary key and every visible column: the values a confirm must find unchanged. */
    static List<Column> snapshotColumns(Entity entity) {
        List<Column> columns = new ArrayList<>();
        entity.primaryKey().forEach(name -> entity.column(name).ifPresent(columns::add));
        for (Column column : entity.visibleColumns()) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** {@code columns} of each row, in that order, unmasked. */
    static List<Map<String, Object>> project(List<Map<String, Object>> rows, List<Column> columns) {
        List<Map<String, Object>> projected = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            columns.forEach(column -> values.put(column.name(), row.get(column.name())));
            projected.add(values);
        }
        return projected;
    }

    /** A SHA-256 over the rows' values in the given order: equal exactly when every value is equal. */
    static String hash(List<Map<String, Object>> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map<String, Object> row : rows) {
                row.forEach((name, value) -> {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(canonical(value).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                });
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0001null";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return "Number:"
                    + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    /** A masked column's value as the real executor shows it ({@code j***@example.com}, {@code +***42}). */
    static Object mask(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return MASK;
        }
        int at = text.lastIndexOf('@');
        if (at > 0 && at < text.length() - 1) {
            return text.substring(0, text.offsetByCodePoints(0, 1)) + MASK + text.substring(at);
        }
        int length = text.codePointCount(0, text.length());
        if (length < 7) {
            return MASK;
        }
        return text.substring(0, text.offsetByCodePoints(0, 1))
                + MASK
                + text.substring(text.offsetByCodePoints(0, length - 2));
    }

    /** The value as a column shows it: masked when the column is masked. */
    static Object shown(Column column, Object value) {
        return column.isMasked() ? mask(value) : value;
    }

    /** A copy of the row with every NULL spelled out, so copies of it can be made with {@link Map#copyOf}. */
    static Map<String, Object> withoutNulls(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k, Objects.requireNonNullElse(v, "<null>")));
        return copy;
    }
}
