package dev.tabletalk.core.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a plan written in the shape {@code tabletalk plan --json} prints (the writer side is
 * {@code ReplyWire}): a generic tree of {@code Map<String, ?>}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}, as any JSON or YAML library gives it. Used for operator-written plans (macros,
 * #14); no planner output goes through here.
 *
 * <p>Keys: {@code intent} ({@code read|create|update}) and {@code entity} are required; {@code fields} (the values
 * of a create or the changes of an update), {@code filters} ({@code {"field", "op", "value"}}, {@code {"anyOf":
 * [..]}}, {@code {"not": ..}}, {@code {"field", "op": "in", "via": {"entity", "filters"}}}), {@code select},
 * {@code orderBy} ({@code [{"field", "dir": "asc|desc"}]}), {@code limit}, {@code offset}, {@code aggregate}
 * ({@code {"fn", "field", "groupBy"}}) and {@code deleted} are optional. The keys {@code plan --json} prints
 * beside the plan ({@code message}, {@code interpretation}) are ignored; {@code after}, {@code question} and
 * {@code refusal} must be {@code null} or absent. Anything else is refused.
 *
 * <p>The result is only data, unvalidated, like a planner's proposal: names and values are checked by the
 * plan validator against the catalog and the caller before anything runs. Stateless and thread-safe.
 */
public final class PlanTree {

    private static final Set<String> KEYS = Set.of(
            "intent",
            "entity",
            "fields",
            "filters",
            "select",
            "orderBy",
            "limit",
            "offset",
            "after",
            "aggregate",
            "deleted",
            "message",
            "question",
            "interpretation",
            "refusal");

    private PlanTree() {}

    /**
     * The plan {@code tree} stands for.
     *
     * @throws IllegalArgumentException naming the key that is missing, unknown or of the wrong shape
     */
    public static Plan toPlan(Map<String, ?> tree) {
        for (String key : tree.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'");
            }
        }
        for (String key : List.of("after", "question", "refusal")) {
            if (tree.get(key) != null) {
                throw new IllegalArgumentException("'" + key + "' cannot be part of a plan to run");
            }
        }
        String intentName = text(tree.get("intent"), "intent");
        Intent intent = Intent.fromWireName(intentName)
                .filter(i -> i != Intent.UNKNOWN)
                .orElseThrow(() ->
                        new IllegalArgumentException("intent '" + intentName + "' is not one of read, create, update"));
        String entity = text(tree.get("entity"), "entity");
        Map<String, Object> fields = values(tree.get("fields"));
        List<Condition> filters = conditions(tree.get("filters"), "filters");
        switch (intent) {
            case CREATE:
                requireReadOnlyKeysAbsent(tree, intent);
                if (!filters.isEmpty()) {
                    throw new IllegalArgumentException("a create has no filters");
                }
                return new CreatePlan(entity, fields);
            case UPDATE:
                requireReadOnlyKeysAbsent(tree, intent);
                return new UpdatePlan(entity, fields, filters);
            case READ:
            default:
                if (!fields.isEmpty()) {
                    throw new IllegalArgumentException("a read sets no fields: name its columns in 'select'");
                }
                Optional<DeletedRows> deleted = tree.get("deleted") == null
                        ? Optional.of(DeletedRows.EXCLUDED)
                        : DeletedRows.fromWireName(text(tree.get("deleted"), "deleted"));
                if (deleted.isEmpty()) {
                    throw new IllegalArgumentException("deleted is one of excluded, included, only");
                }
                return new ReadPlan(
                        entity,
                        names(tree.get("select"), "select"),
                        filters,
                        orderBy(tree.get("orderBy")),
                        tree.get("limit") == null
                                ? OptionalInt.empty()
                                : OptionalInt.of(whole(tree.get("limit"), "limit")),
                        tree.get("offset") == null ? 0 : whole(tree.get("offset"), "offset"),
                        aggregate(tree.get("aggregate")),
                        deleted.get());
        }
    }

    private static void requireReadOnlyKeysAbsent(Map<String, ?> tree, Intent intent) {
        for (String key : List.of("select", "orderBy", "limit", "offset", "aggregate", "deleted")) {
            Object value = tree.get(key);
            boolean empty = value == null
                    || (value instanceof List<?> list && list.isEmpty())
                    || ("offset".equals(key) && value instanceof Number n && n.longValue() == 0);
            if (!empty) {
                throw new IllegalArgumentException("'" + key + "' applies to a read, not to " + intent.wireName());
            }
        }
    }

    private static List<Condition> conditions(Object raw, String where) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            throw new IllegalArgumentException("'" + where + "' is a list of conditions");
        }
        List<Condition> out = new ArrayList<>();
        for (Object item : items) {
            out.add(condition(item, where));
        }
        return out;
    }

    private static Condition condition(Object raw, String where) {
        Map<String, ?> map = map(raw, "each of '" + where + "'");
        if (map.containsKey("anyOf")) {
            onlyKeys(map, Set.of("anyOf"), "an anyOf");
            return new AnyOf(conditions(map.get("anyOf"), "anyOf"));
        }
        if (map.containsKey("not")) {
            onlyKeys(map, Set.of("not"), "a not");
            return new Not(condition(map.get("not"), "not"));
        }
        String field = text(map.get("field"), "field");
        if (map.containsKey("via")) {
            onlyKeys(map, Set.of("field", "op", "via"), "a relationship filter");
            if (!"in".equals(map.get("op"))) {
                throw new IllegalArgumentException("a relationship filter on '" + field + "' has op 'in'");
            }
            Map<String, ?> via = map(map.get("via"), "via");
            onlyKeys(via, Set.of("entity", "filters"), "via");
            return new Related(field, text(via.get("entity"), "via.entity"), conditions(via.get("filters"), "via"));
        }
        onlyKeys(map, Set.of("field", "op", "value"), "a filter");
        String symbol = text(map.get("op"), "op");
        Op op = Op.fromSymbol(symbol)
                .orElseThrow(() -> new IllegalArgumentException("'" + symbol + "' is not an operator"));
        return new Filter(field, op, value(map.get("value")));
    }

    private static void onlyKeys(Map<String, ?> map, Set<String> allowed, String what) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what);
            }
        }
    }

    private static List<Sort> orderBy(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            throw new IllegalArgumentException("'orderBy' is a list of {field, dir}");
        }
        List<Sort> out = new ArrayList<>();
        for (Object item : items) {
            Map<String, ?> sort = map(item, "each of 'orderBy'");
            onlyKeys(sort, Set.of("field", "dir"), "orderBy");
            Object dir = sort.get("dir");
            if (dir != null && !"asc".equals(dir) && !"desc".equals(dir)) {
                throw new IllegalArgumentException("dir is asc or desc, not '" + dir + "'");
            }
            out.add(new Sort(text(sort.get("field"), "orderBy.field"), "desc".equals(dir)));
        }
        return out;
    }

    private static Optional<Aggregate> aggregate(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Map<String, ?> map = map(raw, "aggregate");
        onlyKeys(map, Set.of("fn", "field", "groupBy"), "aggregate");
        String name = text(map.get("fn"), "aggregate.fn");
        Aggregate.Fn fn = Aggregate.Fn.fromWireName(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "aggregate fn '" + name + "' is not one of count, sum, avg, min, max"));
        Optional<String> field =
                map.get("field") == null ? Optional.empty() : Optional.of(text(map.get("field"), "aggregate.field"));
        return Optional.of(new Aggregate(fn, field, names(map.get("groupBy"), "aggregate.groupBy")));
    }

    private static List<String> names(Object raw, String where) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            throw new IllegalArgumentException("'" + where + "' is a list of field names");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            out.add(text(item, where));
        }
        return out;
    }

    private static Map<String, Object> values(Object raw) {
        if (raw == null) {
            return Map.of();
        }
        Map<String, ?> map = map(raw, "fields");
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((field, value) -> out.put(field, value(value)));
        return out;
    }

    /** A value as plans hold it: whole numbers as {@code Long}, other numbers as {@code BigDecimal}. */
    private static Object value(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : raw;
        }
        if (raw instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(value(item));
            }
            return out;
        }
        if (raw instanceof Map<?, ?>) {
            throw new IllegalArgumentException("a value cannot be an object");
        }
        return raw;
    }

    private static int whole(Object raw, String key) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            long value = ((Number) raw).longValue();
            if (value >= 0 && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is a whole number, not " + raw);
    }

    private static String text(Object raw, String key) {
        if (raw instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException(
                raw == null ? "'" + key + "' is missing" : "'" + key + "' is a name, not " + raw);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object raw, String what) {
        if (raw instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            return (Map<String, ?>) map;
        }
        throw new IllegalArgumentException(what + " is an object");
    }
}
