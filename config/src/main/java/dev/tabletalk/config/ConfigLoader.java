package dev.tabletalk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Loads the configuration: {@code tabletalk.yaml} (or JSON) &lt; environment &lt; flags, over the defaults, into
 * one {@link EffectiveConfig}. Every layer is checked against the JSON Schema and the settings against their Bean
 * Validation constraints; each problem names where the value was given (file and line, variable or flag) and its
 * key, and never a secret's value. Nothing here reads the process environment: the caller passes it.
 *
 * <p>Environment variables are {@code TABLETALK_} and the key path in upper snake case
 * ({@code limits.maxRows} is {@code TABLETALK_LIMITS_MAX_ROWS}); the older names ({@code TABLETALK_DB_URL},
 * {@code TABLETALK_DB_PASSWORD}, {@code TABLETALK_ADMIN_TOKEN}, {@code TABLETALK_JWT_*}, {@code TABLETALK_HMAC_*})
 * keep working. Thread-safe.
 */
public final class ConfigLoader {

    /** The file read when none is given and it exists in the working folder. */
    public static final String DEFAULT_FILE = "tabletalk.yaml";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The key each class-level check of the records is reported at. */
    private static final Map<String, String> CHECK_KEYS = Map.of(
            "jwtComplete", "http.auth.mode",
            "hmacComplete", "http.auth.mode",
            "tokenLongEnough", "admin.token",
            "timeoutPositive", "planner.timeout",
            "durationsPositive", "limits",
            "idleTtlPositive", "sessions.idleTtl",
            "storeConsistent", "sessions.url",
            "replyBytesInRange", "limits.maxReplyBytes");

    private static final class Holder {
        // EL-free interpolation: messages are plain text, and a file's text is never evaluated
        static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }

    private ConfigLoader() {}

    /**
     * The file to read: the one given, else {@code ./tabletalk.yaml} when it exists, else none.
     *
     * @param given the {@code --config} flag's value, if any
     * @param workingFolder where to look for the default file
     */
    public static Optional<Path> fileToRead(Optional<Path> given, Path workingFolder) {
        if (given.isPresent()) {
            return given;
        }
        Path fallback = workingFolder.resolve(DEFAULT_FILE);
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /**
     * Reads the file alone, over the defaults (no environment layer): what {@code TableTalk.builder().config(Path)}
     * applies. The environment is used only to resolve the file's {@code ${env:NAME}} references.
     */
    public static ConfigResult readFile(Path file, Map<String, String> environment) {
        return load(Optional.of(file), environment, List.of(), false);
    }

    /**
     * Loads every layer: defaults &lt; file &lt; environment &lt; flags.
     *
     * @param file the configuration file, if any
     * @param environment the environment variables (the app passes {@code System.getenv()})
     * @param flags the settings given on the command line
     */
    public static ConfigResult load(Optional<Path> file, Map<String, String> environment, List<FlagValue> flags) {
        return load(file, environment, flags, true);
    }

    private static ConfigResult load(
            Optional<Path> file, Map<String, String> environment, List<FlagValue> flags, boolean layerEnvironment) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(flags, "flags");
        List<ConfigProblem> problems = new ArrayList<>();
        ObjectNode tree = NODES.objectNode();
        Map<String, ConfigSource> sources = new HashMap<>();
        Optional<ConfigFileReader.Parsed> parsed = Optional.empty();
        if (file.isPresent()) {
            parsed = ConfigFileReader.read(file.get(), environment, problems);
            if (parsed.isEmpty()) {
                return new ConfigResult.Invalid(List.copyOf(unique(problems)));
            }
            tree = parsed.get().tree();
            recordSources(tree, "", parsed.get(), sources);
        }
        if (layerEnvironment) {
            for (ConfigSchema.Setting setting : ConfigSchema.get().settings()) {
                if (setting.kind().equals("map") && !setting.key().equals("http.auth.hmac.keys")) {
                    continue; // entities, roles, macros, tenancy.entities: the file only
                }
                Optional<Given> given = fromEnvironment(setting, environment, problems);
                if (given.isPresent()) {
                    Layers.set(tree, setting.key(), given.get().node());
                    forget(sources, setting.key());
                    sources.put(setting.key(), given.get().source());
                }
            }
        }
        for (FlagValue flag : flags) {
            ConfigSchema.Setting setting = ConfigSchema.get()
                    .setting(flag.key())
                    .orElseThrow(() -> new IllegalArgumentException("no setting " + flag.key()));
            Layers.set(tree, flag.key(), typed(setting, flag.value()));
            forget(sources, flag.key());
            sources.put(flag.key(), new ConfigSource.Flag(flag.flag()));
        }
        for (ConfigSchema.Violation violation : ConfigSchema.get().validate(tree)) {
            problems.add(
                    new ConfigProblem(sourceOf(violation.key(), sources, parsed), violation.key(), safe(violation)));
        }
        if (!problems.isEmpty()) {
            return new ConfigResult.Invalid(List.copyOf(unique(problems)));
        }
        ObjectNode effective = tree.deepCopy();
        for (ConfigSchema.Setting setting : ConfigSchema.get().settings()) {
            if (setting.defaultValue().isPresent()
                    && Layers.get(effective, setting.key()).isMissingNode()) {
                Layers.set(
                        effective, setting.key(), setting.defaultValue().get().deepCopy());
            }
        }
        TableTalkConfig config;
        try {
            config = ConfigMapper.map(effective);
        } catch (ConfigMapper.BadValue e) {
            return new ConfigResult.Invalid(
                    List.of(new ConfigProblem(sourceOf(e.key, sources, parsed), e.key, e.getMessage())));
        } catch (dev.tabletalk.core.error.ConfigurationException e) {
            return new ConfigResult.Invalid(List.of(new ConfigProblem(new ConfigSource.Default(), "", e.getMessage())));
        }
        for (ConstraintViolation<TableTalkConfig> violation : validator().validate(config)) {
            String key = keyOf(violation);
            problems.add(new ConfigProblem(sourceOf(key, sources, parsed), key, violation.getMessage()));
        }
        if (!problems.isEmpty()) {
            return new ConfigResult.Invalid(List.copyOf(unique(problems)));
        }
        return new ConfigResult.Loaded(new EffectiveConfig(config, effective, sources, file));
    }

    /** A schema message, or a plain one for a secret (a message must never quote a secret's value). */
    private static String safe(ConfigSchema.Violation violation) {
        return Secrets.isSecret(violation.key()) ? "must be text" : violation.message();
    }

    /** A layer replaced a whole setting: what an earlier layer gave inside it no longer applies. */
    private static void forget(Map<String, ConfigSource> sources, String key) {
        sources.keySet().removeIf(k -> k.startsWith(key + ".") || k.startsWith(key + "["));
    }

    /** Where the value at this key, or its nearest given parent, came from. */
    static ConfigSource sourceOf(
            String key, Map<String, ConfigSource> sources, Optional<ConfigFileReader.Parsed> parsed) {
        String at = key;
        while (!at.isEmpty()) {
            ConfigSource source = sources.get(at);
            if (source != null) {
                return source;
            }
            if (parsed.isPresent() && parsed.get().lines().containsKey(at)) {
                return parsed.get().source(at);
            }
            at = ConfigFileReader.parent(at);
        }
        return parsed.<ConfigSource>map(p -> new ConfigSource.File(p.file(), 1)).orElse(new ConfigSource.Default());
    }

    private record Given(JsonNode node, ConfigSource source) {}

    private static Optional<Given> fromEnvironment(
            ConfigSchema.Setting setting, Map<String, String> environment, List<ConfigProblem> problems) {
        for (String name : EnvironmentNames.all(setting.key())) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            ConfigSource source = new ConfigSource.Environment(name);
            if (name.equals(EnvironmentNames.FILE_ALIASES.get(setting.key()))) {
                try {
                    value = Files.readString(Path.of(value.strip()), StandardCharsets.UTF_8)
                            .strip();
                } catch (IOException | RuntimeException e) {
                    problems.add(new ConfigProblem(source, setting.key(), "the file it names cannot be read"));
                    return Optional.empty();
                }
            }
            return Optional.of(new Given(typed(setting, value), source));
        }
        return Optional.empty();
    }

    private static JsonNode typed(ConfigSchema.Setting setting, String value) {
        return Layers.typed(setting.kind(), value).orElse(NODES.textNode(value));
    }

    private static void recordSources(
            JsonNode node, String key, ConfigFileReader.Parsed parsed, Map<String, ConfigSource> sources) {
        if (node.isObject() && !(key.endsWith(".plan") && key.startsWith("macros."))) {
            node.properties()
                    .forEach(e -> recordSources(
                            e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(), parsed, sources));
            return; // sections have no source of their own: a default inside one is still a default
        }
        sources.put(key, parsed.source(key));
    }

    /** Each problem once, the file's in line order first. */
    static Set<ConfigProblem> unique(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(ConfigLoader::order));
        return new LinkedHashSet<>(sorted);
    }

    private static int order(ConfigProblem problem) {
        return problem.source() instanceof ConfigSource.File file ? file.line() : Integer.MAX_VALUE;
    }

    static String keyOf(ConstraintViolation<?> violation) {
        StringBuilder key = new StringBuilder();
        violation.getPropertyPath().forEach(node -> {
            if (node.getName() == null) {
                return;
            }
            String name = node.getName();
            if (node.getKey() != null) {
                // a map's entry: roles[support] is roles.support
                key.append('.').append(node.getKey());
            }
            if (node.getIndex() != null) {
                key.append('[').append(node.getIndex()).append(']');
            }
            if (name.startsWith("<")) {
                return; // <map value>, <list element>
            }
            String mapped = CHECK_KEYS.get(name);
            if (mapped != null) {
                key.setLength(0);
                key.append(mapped);
                return;
            }
            if (key.length() > 0) {
                key.append('.');
            }
            key.append(name);
        });
        return key.toString();
    }

    static Validator validator() {
        return Holder.VALIDATOR;
    }
}
