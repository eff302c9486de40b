package dev.tabletalk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings in effect and where each came from ({@code default}, {@code file:LINE}, {@code env:NAME},
 * {@code flag:--x}): what {@code tabletalk config show} prints, with secrets masked. Immutable.
 */
public final class EffectiveConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableTalkConfig config;
    private final JsonNode tree;
    private final Map<String, ConfigSource> sources;
    private final Optional<Path> file;

    EffectiveConfig(TableTalkConfig config, JsonNode tree, Map<String, ConfigSource> sources, Optional<Path> file) {
        this.config = Objects.requireNonNull(config, "config");
        this.tree = tree.deepCopy();
        this.sources = Map.copyOf(sources);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The settings. */
    public TableTalkConfig config() {
        return config;
    }

    /** The file read, if any. */
    public Optional<Path> file() {
        return file;
    }

    /** Where the value at this key path came from; {@link ConfigSource.Default} when no layer gave it. */
    public ConfigSource source(String key) {
        String at = key;
        while (!at.isEmpty()) {
            ConfigSource source = sources.get(at);
            if (source != null) {
                return source;
            }
            at = ConfigFileReader.parent(at);
        }
        return new ConfigSource.Default();
    }

    /**
     * Where the entry at this key path was written in the file: the line of the key itself, or of its first value
     * when only values are located (a section such as {@code entities.customers.columns.city} written inline).
     * Empty when the entry did not come from the file.
     */
    public Optional<ConfigSource.File> fileLine(String key) {
        if (source(key) instanceof ConfigSource.File at) {
            return Optional.of(at);
        }
        return sources.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(key + "."))
                .map(Map.Entry::getValue)
                .filter(ConfigSource.File.class::isInstance)
                .map(ConfigSource.File.class::cast)
                .min(Comparator.comparingInt(ConfigSource.File::line));
    }

    /**
     * Every setting with its value as text and its source, in the schema's order, then the named sections
     * ({@code entities}, {@code roles}, {@code macros}) entry by entry; a secret shows as {@code ***}, an unset
     * setting as {@code (unset)}.
     */
    public Map<String, Shown> shown() {
        Map<String, Shown> shown = new LinkedHashMap<>();
        for (ConfigSchema.Setting setting : ConfigSchema.get().settings()) {
            JsonNode value = Layers.get(tree, setting.key());
            if (setting.kind().equals("map")) {
                if (value.isObject() && !value.isEmpty()) {
                    flatten(value, setting.key(), shown);
                }
                continue;
            }
            String text = value.isMissingNode() || value.isNull()
                    ? "(unset)"
                    : Secrets.isSecret(setting.key()) ? Secrets.MASK : render(value);
            shown.put(setting.key(), new Shown(text, source(setting.key())));
        }
        return shown;
    }

    /** The lines of {@code tabletalk config show}: {@code limits.maxRows = 50  (file:12)}. */
    public List<String> showLines() {
        List<String> lines = new ArrayList<>();
        file.ifPresent(f -> lines.add("# file: " + f));
        shown().forEach((key, value) -> lines.add(key + " = " + value.value() + "  (" + value.source() + ")"));
        return lines;
    }

    /**
     * One shown setting.
     *
     * @param value the value as text, {@code ***} for a secret
     * @param source where it came from
     */
    public record Shown(String value, ConfigSource source) {
        public Shown {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    private void flatten(JsonNode node, String key, Map<String, Shown> into) {
        boolean opaque = key.startsWith("macros.") && key.endsWith(".plan");
        if (node.isObject() && !opaque && !node.isEmpty()) {
            node.properties().forEach(e -> flatten(e.getValue(), key + "." + e.getKey(), into));
            return;
        }
        if (node.isArray() && containsObjects(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), key + "[" + i + "]", into);
            }
            return;
        }
        into.put(key, new Shown(Secrets.isSecret(key) ? Secrets.MASK : render(node), source(key)));
    }

    private static boolean containsObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    private static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EffectiveConfig[" + config + "]";
    }
}
