package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the fields of a stored state's JSON, refusing a missing field or one of the wrong shape with a message that
 * names it, so that a state is read whole or not at all. Stateless.
 */
final class JsonFields {

    private JsonFields() {}

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
        return value;
    }

    static Optional<JsonNode> optionalObject(JsonNode node, String field) {
        JsonNode value = present(node, field);
        return value.isNull() ? Optional.empty() : Optional.of(object(node, field));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return value.textValue();
    }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = present(node, field);
        return value.isNull() ? Optional.empty() : Optional.of(text(node, field));
    }

    static long whole(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is not a whole number");
        }
        return value.longValue();
    }

    static int integer(JsonNode node, String field) {
        long value = whole(node, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + field + "' is out of range");
        }
        return (int) value;
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' is not true or false");
        }
        return value.booleanValue();
    }

    static <T extends Enum<T>> T constant(JsonNode node, String field, Class<T> type) {
        String name = text(node, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not a " + type.getSimpleName() + ": " + name, e);
        }
    }

    static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> item) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is not a list");
        }
        List<T> items = new ArrayList<>(value.size());
        value.forEach(element -> items.add(item.apply(element)));
        return items;
    }

    static List<String> texts(JsonNode node, String field) {
        return list(node, field, element -> {
            if (!element.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' holds something other than text");
            }
            return element.textValue();
        });
    }

    /** The field, which must be there ({@code null} for an absent optional value, never left out). */
    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }
}
