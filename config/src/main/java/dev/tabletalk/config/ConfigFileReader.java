package dev.tabletalk.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tabletalk.yaml} (or JSON, told apart by content) into a tree, keeping the line of every key, and
 * resolves {@code ${env:NAME}} and {@code ${file:PATH}} (a path relative to the file's folder). Secrets written in
 * clear are problems; no message quotes a value of a secret.
 */
final class ConfigFileReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z]+):([^}]*)}");
    private static final Pattern ONLY_A_REFERENCE = Pattern.compile("\\s*\\$\\{(env|file):[^}]+}\\s*");

    /**
     * A file as read: its tree (references resolved) and the line of each key path.
     *
     * @param file the file
     * @param tree its settings
     * @param lines the line of each key path
     */
    record Parsed(Path file, ObjectNode tree, Map<String, Integer> lines) {

        /** The file and line of this key, or of its nearest parent that has one. */
        ConfigSource source(String key) {
            String at = key;
            while (!at.isEmpty()) {
                Integer line = lines.get(at);
                if (line != null) {
                    return new ConfigSource.File(file, line);
                }
                at = parent(at);
            }
            return new ConfigSource.File(file, 1);
        }
    }

    private final Path file;
    private final Map<String, String> environment;
    private final List<ConfigProblem> problems;
    private final Map<String, Integer> lines = new HashMap<>();

    private ConfigFileReader(Path file, Map<String, String> environment, List<ConfigProblem> problems) {
        this.file = file;
        this.environment = environment;
        this.problems = problems;
    }

    /**
     * Reads the file; adds what is wrong to {@code problems}.
     *
     * @return the file as read, or empty when it cannot be read or parsed at all
     */
    static Optional<Parsed> read(Path file, Map<String, String> environment, List<ConfigProblem> problems) {
        return new ConfigFileReader(file, environment, problems).read();
    }

    private Optional<Parsed> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(
                    new ConfigSource.File(file, 1), "", "the configuration file cannot be read: check that it exists"));
            return Optional.empty();
        }
        String start = text.stripLeading();
        JsonFactory factory = start.startsWith("{") ? new JsonFactory() : new YAMLFactory();
        JsonNode root;
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.of(new Parsed(file, NODES.objectNode(), Map.copyOf(lines)));
            }
            root = node(parser, "");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            problems.add(new ConfigProblem(
                    new ConfigSource.File(file, line), "", "not valid YAML or JSON: " + e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new ConfigProblem(new ConfigSource.File(file, 1), "", "the file cannot be read"));
            return Optional.empty();
        }
        if (root.isNull()) {
            return Optional.of(new Parsed(file, NODES.objectNode(), Map.copyOf(lines)));
        }
        if (!root.isObject()) {
            problems.add(new ConfigProblem(
                    new ConfigSource.File(file, 1),
                    "",
                    "the file must be a mapping of keys (database:, limits:, ...)"));
            return Optional.empty();
        }
        checkSecrets(root, "");
        JsonNode resolved = resolve(root, "");
        return Optional.of(new Parsed(file, (ObjectNode) resolved, Map.copyOf(lines)));
    }

    private JsonNode node(JsonParser parser, String path) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String key = path.isEmpty() ? name : path + "." + name;
                    int line = parser.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        problems.add(
                                new ConfigProblem(new ConfigSource.File(file, line), key, "given twice: keep one"));
                    }
                    lines.put(key, line);
                    parser.nextToken();
                    object.set(name, node(parser, key));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String key = path + "[" + index++ + "]";
                    lines.putIfAbsent(key, parser.currentTokenLocation().getLineNr());
                    array.add(node(parser, key));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(parser.getText());
        }
    }

    /** A secret must be one reference, never the value itself. */
    private void checkSecrets(JsonNode node, String path) {
        if (node.isObject()) {
            node.properties()
                    .forEach(e -> checkSecrets(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            return;
        }
        if (!Secrets.isSecret(path) || !node.isValueNode() || node.isNull()) {
            return;
        }
        if (!node.isTextual() || !ONLY_A_REFERENCE.matcher(node.asText()).matches()) {
            problems.add(new ConfigProblem(
                    source(path),
                    path,
                    "a secret must not be written in the file: use \"${env:NAME}\" or \"${file:PATH}\" (the value "
                            + "is not shown here)"));
        }
    }

    private JsonNode resolve(JsonNode node, String path) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties()
                    .forEach(e -> copy.set(
                            e.getKey(), resolve(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolve(node.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        if (!node.isTextual() || !node.asText().contains("${")) {
            return node;
        }
        String text = node.asText();
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean whole = false;
        while (m.find()) {
            whole = m.start() == 0 && m.end() == text.length();
            Optional<String> value = lookUp(m.group(1), m.group(2).strip(), path);
            if (value.isEmpty()) {
                return node;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        String resolved = out.toString();
        if (resolved.contains("${")) {
            problems.add(new ConfigProblem(
                    source(path),
                    path,
                    "a reference is written ${env:NAME} or ${file:PATH}, with nothing else inside"));
            return node;
        }
        return whole ? typed(resolved, path) : NODES.textNode(resolved);
    }

    /** A whole value from a reference takes the setting's type: {@code maxRows: ${env:ROWS}} is a number. */
    private JsonNode typed(String value, String path) {
        String kind =
                ConfigSchema.get().setting(path).map(ConfigSchema.Setting::kind).orElse("string");
        return Layers.typed(kind, value).orElse(NODES.textNode(value));
    }

    private Optional<String> lookUp(String scheme, String name, String path) {
        if (scheme.equals("env")) {
            String value = environment.get(name);
            if (value == null) {
                problems.add(new ConfigProblem(source(path), path, "the environment variable " + name + " is not set"));
                return Optional.empty();
            }
            return Optional.of(value);
        }
        if (scheme.equals("file")) {
            Path folder = file.toAbsolutePath().getParent();
            Path target = folder == null ? Path.of(name) : folder.resolve(name);
            try {
                return Optional.of(
                        Files.readString(target, StandardCharsets.UTF_8).strip());
            } catch (IOException | RuntimeException e) {
                problems.add(new ConfigProblem(
                        source(path),
                        path,
                        "the file " + name + " (relative to the configuration file) cannot be read"));
                return Optional.empty();
            }
        }
        problems.add(new ConfigProblem(
                source(path), path, "unknown reference ${" + scheme + ":...}: use ${env:NAME} or ${file:PATH}"));
        return Optional.empty();
    }

    private ConfigSource source(String key) {
        return new Parsed(file, NODES.objectNode(), lines).source(key);
    }

    static String parent(String key) {
        int bracket = key.lastIndexOf('[');
        int dot = key.lastIndexOf('.');
        int cut = Math.max(bracket, dot);
        return cut < 0 ? "" : key.substring(0, cut);
    }
}
