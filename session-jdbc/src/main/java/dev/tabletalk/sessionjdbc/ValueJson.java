package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The values a state holds (draft values, filter values, row values of a preview, keyset positions) as JSON that
 * reads back to the same Java type: a confirm on another server must bind exactly what the preview bound, so a
 * {@code LocalDate} may not come back as text nor a {@code BigDecimal} lose its scale.
 *
 * <p>{@code null}, strings, booleans and {@code Long}s are plain JSON; lists are arrays; every other value is an
 * object {@code {"type": ..., "value": text}} (a {@link TruncatedText} adds its {@code length}). A type outside
 * this list is refused when the state is written, never stored as something else. Stateless.
 */
final class ValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A tagged type: its name in the JSON, how its text is read back. */
    private record Tagged(String name, Class<?> type, Function<String, Object> parse) {}

    /** Every tagged type, in the order they are tried when writing. */
    private static final List<Tagged> TAGGED = List.of(
            new Tagged("int", Integer.class, Integer::valueOf),
            new Tagged("short", Short.class, Short::valueOf),
            new Tagged("byte", Byte.class, Byte::valueOf),
            new Tagged("biginteger", BigInteger.class, BigInteger::new),
            new Tagged("decimal", BigDecimal.class, BigDecimal::new),
            new Tagged("double", Double.class, Double::valueOf),
            new Tagged("float", Float.class, Float::valueOf),
            new Tagged("date", LocalDate.class, LocalDate::parse),
            new Tagged("time", LocalTime.class, LocalTime::parse),
            new Tagged("datetime", LocalDateTime.class, LocalDateTime::parse),
            new Tagged("offsetdatetime", OffsetDateTime.class, OffsetDateTime::parse),
            new Tagged("offsettime", OffsetTime.class, OffsetTime::parse),
            new Tagged("instant", Instant.class, Instant::parse),
            new Tagged("uuid", UUID.class, UUID::fromString),
            new Tagged("placeholder", Placeholder.class, Placeholder::valueOf));

    private static final String TRUNCATED = "truncated";

    private ValueJson() {}

    /** Java types {@link #write} keeps, besides strings, booleans, longs, lists and truncated text. */
    static List<Class<?>> taggedTypes() {
        return TAGGED.stream().<Class<?>>map(Tagged::type).toList();
    }

    /**
     * The JSON of a value.
     *
     * @throws IllegalArgumentException for a type this store cannot keep, naming it
     */
    static JsonNode write(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof List<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(write(item)));
            return array;
        }
        if (value instanceof TruncatedText cut) {
            ObjectNode tagged = NODES.objectNode().put("type", TRUNCATED).put("value", cut.text());
            return tagged.put("length", cut.length());
        }
        for (Tagged tagged : TAGGED) {
            if (tagged.type().equals(value.getClass())) {
                String text = value instanceof Placeholder p ? p.name() : value.toString();
                return NODES.objectNode().put("type", tagged.name()).put("value", text);
            }
        }
        throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                + " cannot be kept in the JDBC session store; only plain values (text, numbers, booleans, dates,"
                + " times, UUIDs and lists of them) can");
    }

    /**
     * The value {@code node} stands for.
     *
     * @throws IllegalArgumentException when it is not a value {@link #write} writes
     */
    static Object read(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("a value is missing");
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(read(item)));
            return Collections.unmodifiableList(items);
        }
        if (node.isObject()
                && node.path("type").isTextual()
                && node.path("value").isTextual()) {
            String type = node.get("type").textValue();
            String text = node.get("value").textValue();
            if (TRUNCATED.equals(type)) {
                return new TruncatedText(text, JsonFields.whole(node, "length"));
            }
            for (Tagged tagged : TAGGED) {
                if (tagged.name().equals(type)) {
                    return tagged.parse().apply(text);
                }
            }
            throw new IllegalArgumentException("unknown value type '" + type + "'");
        }
        throw new IllegalArgumentException("not a stored value: " + node.getNodeType());
    }

    /** A field-to-value map as a JSON object, in the map's order. */
    static ObjectNode writeRow(Map<String, ?> row) {
        ObjectNode object = NODES.objectNode();
        row.forEach((field, value) -> object.set(field, write(value)));
        return object;
    }

    /** A JSON object of {@link #write} values as a field-to-value map in the object's order ({@code null}s kept). */
    static Map<String, Object> readRow(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a row of values is missing");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        node.properties().forEach(field -> row.put(field.getKey(), read(field.getValue())));
        return row;
    }
}
