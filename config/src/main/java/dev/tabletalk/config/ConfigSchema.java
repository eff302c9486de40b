package dev.tabletalk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema of {@code tabletalk.yaml} ({@code tabletalk config schema} prints it, for editor completion),
 * and the list of its settings with their defaults: the schema is the one place defaults are written.
 */
public final class ConfigSchema {

    private static final String RESOURCE = "tabletalk.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The secrets: written only as references, never shown. */
    private static final java.util.Set<String> SECRETS = java.util.Set.of(
            "database.password",
            "sessions.password",
            "planner.apiKey",
            "http.auth.jwt.secret",
            "http.auth.hmac.keys",
            "admin.token",
            "sharedState.key");

    private static final ConfigSchema INSTANCE = load();

    private final String text;
    private final JsonNode root;
    private final List<Setting> settings;
    private final Schema schema;

    private ConfigSchema(String text, JsonNode root) {
        this.text = text;
        this.root = root;
        List<Setting> found = new ArrayList<>();
        walk(root, "", found);
        this.settings = List.copyOf(found);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(text, InputFormat.JSON);
    }

    /** The schema, loaded once. */
    public static ConfigSchema get() {
        return INSTANCE;
    }

    /** The schema as JSON text. */
    public String text() {
        return text;
    }

    /**
     * Every fixed setting (not those under a name the operator chooses, such as {@code roles.NAME}), in the
     * schema's order; the map-valued sections ({@code entities}, {@code roles}, {@code macros},
     * {@code tenancy.entities}, {@code http.auth.hmac.keys}) are listed as one setting each.
     */
    public List<Setting> settings() {
        return settings;
    }

    /** The setting at this key path, if it is one. */
    public Optional<Setting> setting(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * One setting of the schema.
     *
     * @param key the key path, e.g. {@code limits.maxRows}
     * @param kind {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code list} (of strings),
     *     {@code map}, {@code duration}, {@code size} or {@code rate}
     * @param defaultValue the default, as JSON
     * @param isSecret whether the value is a secret (never written in clear, never shown)
     * @param description what it does
     */
    public record Setting(
            String key, String kind, Optional<JsonNode> defaultValue, boolean isSecret, String description) {

        /** The environment variable named after the key: {@code TABLETALK_LIMITS_MAX_ROWS}. */
        public String environmentName() {
            return EnvironmentNames.of(key);
        }
    }

    /** A place where the tree breaks the schema. */
    record Violation(String key, String message) {}

    /** Where the tree (the interpolated file, or the layered settings) breaks the schema. */
    List<Violation> validate(JsonNode tree) {
        String json;
        try {
            json = JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            String key = key(error.getInstanceLocation());
            String message;
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                key = key.isEmpty() ? error.getProperty() : key + "." + error.getProperty();
                message = "unknown key (see 'tabletalk config schema' for the keys)";
            } else if (key.startsWith("planner.models[") && "pattern".equals(error.getKeyword())) {
                message =
                        "unknown planner " + error.getInstanceNode().toString().replace('"', '\'')
                                + ": use rules, openai:MODEL, anthropic:MODEL or ollama:MODEL";
            } else {
                message = messageWithoutLocation(error);
            }
            violations.add(new Violation(key, message));
        }
        return violations;
    }

    private static String messageWithoutLocation(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        String keyword = error.getKeyword();
        if ("pattern".equals(keyword) || "type".equals(keyword) && message.contains("string found")) {
            // the patterns are long regular expressions: say what is meant instead
            return message + hint(error);
        }
        return message;
    }

    private static String hint(Error error) {
        String where = error.getSchemaLocation() == null
                ? ""
                : error.getSchemaLocation().toString();
        if (where.contains("duration")) {
            return " (a duration such as 250ms, 5s, 30m, 1h)";
        }
        if (where.contains("size")) {
            return " (bytes, or a size such as 64KiB, 1MiB)";
        }
        if (where.contains("rate")) {
            return " (a rate such as 30/min, 5/s, 1000/h)";
        }
        return "";
    }

    static String key(NodePath path) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                key.append('[').append(index).append(']');
            } else {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(element);
            }
        }
        return key.toString();
    }

    private void walk(JsonNode node, String prefix, List<Setting> into) {
        Iterator<Map.Entry<String, JsonNode>> properties =
                node.path("properties").properties().iterator();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String key = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode schemaOf = property.getValue();
            if (schemaOf.has("properties")) {
                walk(schemaOf, key, into);
                continue;
            }
            into.add(new Setting(
                    key,
                    kind(schemaOf),
                    Optional.ofNullable(schemaOf.get("default")),
                    SECRETS.contains(key),
                    schemaOf.path("description").asText("")));
        }
    }

    private String kind(JsonNode schemaOf) {
        String ref = schemaOf.path("$ref").asText("");
        if (ref.startsWith("#/$defs/")) {
            String name = ref.substring("#/$defs/".length());
            return name.equals("names") ? "list" : name;
        }
        if (schemaOf.has("enum")) {
            return "string";
        }
        String type = schemaOf.path("type").asText("");
        switch (type) {
            case "array":
                return "list";
            case "object":
                return "map";
            case "":
                return "string";
            default:
                return type;
        }
    }

    JsonNode root() {
        return root;
    }

    private static ConfigSchema load() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the configuration schema " + RESOURCE + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConfigSchema(text, JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
