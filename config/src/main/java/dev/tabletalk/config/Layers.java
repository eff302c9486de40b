package dev.tabletalk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/** Setting one value of the tree at a key path, from text typed by the schema (environment and flags). */
final class Layers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Layers() {}

    /**
     * The text as a value of this kind: a number, a boolean, a list (comma-separated), a map ({@code k=v,k=v}) or
     * text; empty when it is not of that kind (the schema then names the key).
     */
    static Optional<JsonNode> typed(String kind, String text) {
        String value = text.strip();
        switch (kind) {
            case "integer":
                return value.matches("-?[0-9]{1,18}")
                        ? Optional.of(NODES.numberNode(Long.parseLong(value)))
                        : Optional.empty();
            case "size":
                return Optional.of(
                        value.matches("[0-9]{1,18}") ? NODES.numberNode(Long.parseLong(value)) : NODES.textNode(value));
            case "number":
                try {
                    return Optional.of(NODES.numberNode(Double.parseDouble(value)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            case "boolean": {
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    return Optional.of(NODES.booleanNode(lower.equals("true")));
                }
                return Optional.empty();
            }
            case "list": {
                ArrayNode list = NODES.arrayNode();
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.strip());
                    }
                }
                return Optional.of(list);
            }
            case "map": {
                ObjectNode map = NODES.objectNode();
                for (String entry : value.split("[,\\r\\n]")) {
                    String trimmed = entry.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    int equals = trimmed.indexOf('=');
                    if (equals <= 0 || equals == trimmed.length() - 1) {
                        return Optional.empty();
                    }
                    map.put(
                            trimmed.substring(0, equals).strip(),
                            trimmed.substring(equals + 1).strip());
                }
                return Optional.of(map);
            }
            default:
                return Optional.of(NODES.textNode(text));
        }
    }

    /** Sets the value at a dotted key path, creating the sections on the way. */
    static void set(ObjectNode root, String key, JsonNode value) {
        String[] parts = key.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = NODES.objectNode();
                at.set(parts[i], next);
            }
            at = (ObjectNode) next;
        }
        at.set(parts[parts.length - 1], value);
    }

    /** The value at a dotted key path, or a missing node. */
    static JsonNode get(JsonNode root, String key) {
        JsonNode at = root;
        for (String part : key.split("\\.")) {
            at = at.path(part);
        }
        return at == null ? MissingNode.getInstance() : at;
    }
}
