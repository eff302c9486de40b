package dev.tabletalk.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The layered tree, checked by the schema and with the defaults filled in, as {@link TableTalkConfig}. */
final class ConfigMapper {

    /** A value that passed the schema and still cannot be used (e.g. a size too large). */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;

        BadValue(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }
    }

    private final JsonNode root;

    private ConfigMapper(JsonNode root) {
        this.root = root;
    }

    static TableTalkConfig map(JsonNode root) {
        return new ConfigMapper(root).config();
    }

    private TableTalkConfig config() {
        return new TableTalkConfig(
                new TableTalkConfig.Database(text("database.url"), text("database.user"), text("database.password")),
                new TableTalkConfig.Audit(text("audit.url")),
                new TableTalkConfig.Planner(
                        strings("planner.models"),
                        text("planner.baseUrl"),
                        text("planner.apiKey"),
                        duration("planner.timeout"),
                        integer("planner.maxRetries"),
                        integer("planner.tokenBudget"),
                        integer("planner.maxCandidates"),
                        node("planner.strictJsonSchema").asBoolean(false)),
                new TableTalkConfig.Limits(
                        integer("limits.maxRows"),
                        integer("limits.maxAffectedRows"),
                        duration("limits.statementTimeout"),
                        duration("limits.lockTimeout"),
                        duration("limits.previewTtl"),
                        integer("limits.maxMessageChars"),
                        integer("limits.maxFilters"),
                        integer("limits.maxInItems"),
                        node("limits.maxQueryCost").isNumber()
                                ? OptionalDouble.of(node("limits.maxQueryCost").asDouble())
                                : OptionalDouble.empty(),
                        size("limits.maxReplyBytes"),
                        integer("limits.maxCellChars")),
                node("readOnly").asBoolean(false),
                new TableTalkConfig.Tenancy(textOrThrow("tenancy.column"), stringMap(node("tenancy.entities"))),
                entities(),
                roles(),
                macros(),
                http(),
                new TableTalkConfig.Sessions(
                        text("sessions.store").orElse(text("sessions.url").isPresent() ? "jdbc" : "memory"),
                        text("sessions.url"),
                        text("sessions.user"),
                        text("sessions.password"),
                        duration("sessions.idleTtl"),
                        integer("sessions.maxPerUser")),
                new TableTalkConfig.Catalog(
                        text("catalog.pollInterval").map(v -> durationOf("catalog.pollInterval", v)),
                        strings("catalog.schemas"),
                        strings("catalog.allowTables"),
                        strings("catalog.denyTables"),
                        strings("catalog.readOnlyTables"),
                        strings("catalog.denyColumns"),
                        node("catalog.maskedColumns").isArray()
                                ? Optional.of(strings("catalog.maskedColumns"))
                                : Optional.empty(),
                        integer("catalog.maxReadFields")),
                new TableTalkConfig.Mcp(
                        node("mcp.identity").isObject()
                                ? Optional.of(new TableTalkConfig.McpIdentity(
                                        text("mcp.identity.user"),
                                        text("mcp.identity.role"),
                                        text("mcp.identity.tenant")))
                                : Optional.empty()),
                new TableTalkConfig.Admin(text("admin.token")),
                new TableTalkConfig.SharedState(text("sharedState.url"), text("sharedState.key")));
    }

    private TableTalkConfig.Http http() {
        return new TableTalkConfig.Http(
                textOrThrow("http.host"),
                integer("http.port"),
                new TableTalkConfig.Auth(
                        textOrThrow("http.auth.mode"),
                        node("http.auth.forceDevOnNonLoopback").asBoolean(false),
                        new TableTalkConfig.Jwt(
                                text("http.auth.jwt.issuer"),
                                text("http.auth.jwt.audience"),
                                text("http.auth.jwt.secret"),
                                text("http.auth.jwt.jwks"),
                                duration("http.auth.jwt.clockSkew")),
                        new TableTalkConfig.Hmac(
                                stringMap(node("http.auth.hmac.keys")), duration("http.auth.hmac.maxSkew"))),
                new TableTalkConfig.RateLimits(rate("http.rateLimits.perUser"), rate("http.rateLimits.perTenant")),
                size("http.maxBodyBytes"),
                size("http.maxContextHeaderBytes"),
                new TableTalkConfig.Timeouts(
                        duration("http.timeouts.idle"),
                        duration("http.timeouts.body"),
                        duration("http.timeouts.headers"),
                        size("http.timeouts.minBytesPerSecond")),
                new TableTalkConfig.AuthFailureAudit(
                        integer("http.authFailureAudit.perSource"), duration("http.authFailureAudit.window")),
                strings("http.connectTargets"),
                integer("http.threads"));
    }

    private Map<String, TableTalkConfig.Entity> entities() {
        Map<String, TableTalkConfig.Entity> entities = new LinkedHashMap<>();
        node("entities").properties().forEach(e -> {
            JsonNode entity = e.getValue();
            Map<String, TableTalkConfig.Column> columns = new LinkedHashMap<>();
            entity.path("columns")
                    .properties()
                    .forEach(c -> columns.put(
                            c.getKey(),
                            new TableTalkConfig.Column(
                                    textOf(c.getValue().path("exposure")),
                                    c.getValue().path("allowSecret").asBoolean(false))));
            JsonNode softDelete = entity.path("softDelete");
            entities.put(
                    e.getKey(),
                    new TableTalkConfig.Entity(
                            textOf(entity.path("exposure")),
                            entity.path("allowSecret").asBoolean(false),
                            softDelete(softDelete),
                            columns));
        });
        return entities;
    }

    private Map<String, TableTalkConfig.Role> roles() {
        Map<String, TableTalkConfig.Role> roles = new LinkedHashMap<>();
        node("roles").properties().forEach(e -> {
            JsonNode role = e.getValue();
            Map<String, List<String>> columns = new LinkedHashMap<>();
            role.path("columns").properties().forEach(c -> columns.put(c.getKey(), stringsOf(c.getValue())));
            Map<String, List<TableTalkConfig.RowCondition>> rows = new LinkedHashMap<>();
            role.path("rows").properties().forEach(r -> {
                List<TableTalkConfig.RowCondition> conditions = new ArrayList<>();
                for (JsonNode condition : r.getValue()) {
                    JsonNode value = condition.path("value");
                    conditions.add(new TableTalkConfig.RowCondition(
                            condition.path("field").asText(),
                            condition.path("op").asText(),
                            value.isObject() ? Optional.empty() : scalar(value),
                            value.isObject() ? Optional.of(value.path("claim").asText()) : Optional.empty()));
                }
                rows.put(r.getKey(), conditions);
            });
            roles.put(
                    e.getKey(),
                    new TableTalkConfig.Role(
                            grant(role.path("read")),
                            grant(role.path("create")),
                            grant(role.path("update")),
                            columns,
                            rows,
                            role.path("maxAffectedRows").isNumber()
                                    ? Optional.of(role.path("maxAffectedRows").asInt())
                                    : Optional.empty()));
        });
        return roles;
    }

    private Map<String, TableTalkConfig.Macro> macros() {
        Map<String, TableTalkConfig.Macro> macros = new LinkedHashMap<>();
        node("macros").properties().forEach(e -> {
            JsonNode macro = e.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> plan = (Map<String, Object>) generic(macro.path("plan"));
            macros.put(
                    e.getKey(),
                    new TableTalkConfig.Macro(
                            textOf(macro.path("description")), stringMap(macro.path("params")), plan));
        });
        return macros;
    }

    private static Optional<TableTalkConfig.SoftDelete> softDelete(JsonNode node) {
        if (node.isTextual()) {
            return Optional.of(new TableTalkConfig.SoftDelete(Optional.of(node.asText())));
        }
        if (node.isBoolean()) {
            return Optional.of(new TableTalkConfig.SoftDelete(Optional.empty()));
        }
        if (node.isObject()) {
            return Optional.of(new TableTalkConfig.SoftDelete(
                    Optional.of(node.path("column").asText())));
        }
        return Optional.empty();
    }

    private static TableTalkConfig.Grant grant(JsonNode node) {
        if (node.isTextual() && node.asText().equals("*")) {
            return TableTalkConfig.Grant.all();
        }
        return node.isArray() ? new TableTalkConfig.Grant(false, stringsOf(node)) : TableTalkConfig.Grant.none();
    }

    /** A plan as parsed: maps keep the file's order; numbers stay integers when written so. */
    static Object generic(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), generic(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(generic(item)));
            return list;
        }
        return scalar(node).orElse(null);
    }

    private static Optional<Object> scalar(JsonNode node) {
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return Optional.of(node.asDouble());
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> scalar(item).ifPresent(list::add));
            return Optional.of(List.copyOf(list));
        }
        return Optional.empty();
    }

    private JsonNode node(String key) {
        return Layers.get(root, key);
    }

    private Optional<String> text(String key) {
        return textOf(node(key));
    }

    private static Optional<String> textOf(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    private String textOrThrow(String key) {
        return text(key).orElseThrow(() -> new BadValue(key, "is missing"));
    }

    private int integer(String key) {
        JsonNode node = node(key);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new BadValue(key, "must be a whole number");
        }
        return node.asInt();
    }

    private long size(String key) {
        JsonNode node = node(key);
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return ConfigValues.size(node.asText());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadValue(key, e.getMessage() == null ? "is too large" : e.getMessage());
        }
    }

    private Duration duration(String key) {
        return durationOf(key, textOrThrow(key));
    }

    private static Duration durationOf(String key, String text) {
        try {
            return ConfigValues.duration(text);
        } catch (IllegalArgumentException e) {
            throw new BadValue(key, e.getMessage());
        }
    }

    private TableTalkConfig.Rate rate(String key) {
        try {
            return ConfigValues.rate(textOrThrow(key));
        } catch (IllegalArgumentException e) {
            throw new BadValue(key, e.getMessage());
        }
    }

    private List<String> strings(String key) {
        return stringsOf(node(key));
    }

    private static List<String> stringsOf(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(item -> list.add(item.asText()));
        return list;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
