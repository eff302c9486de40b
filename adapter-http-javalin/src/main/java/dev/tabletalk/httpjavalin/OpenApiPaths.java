package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.json;
import static dev.tabletalk.httpjavalin.OpenApiMaps.map;
import static dev.tabletalk.httpjavalin.OpenApiMaps.ref;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paths of {@link OpenApiDocument}: one operation per route of {@link Route#ALL} that this server serves, with
 * its request body, responses and security, then the operations of the mounted servlets ({@link Route#mounted}).
 */
final class OpenApiPaths {

    private OpenApiPaths() {}

    /** The {@code paths} object: the served routes by path, then by lower-case method. */
    static Map<String, Object> of(HttpConfig config) {
        return of(config, List.of());
    }

    /** The {@code paths} object with the routes of the mounted servlets after the server's own. */
    static Map<String, Object> of(HttpConfig config, List<Route> mountedRoutes) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : Route.ALL) {
            if (route.operator() && !config.adminEnabled()) {
                continue; // the /admin routes do not exist without the operator token
            }
            put(paths, route, operation(route, config));
        }
        for (Route route : mountedRoutes) {
            put(paths, route, mountedOperation(route, config));
        }
        return paths;
    }

    private static void put(Map<String, Object> paths, Route route, Map<String, Object> operation) {
        paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) paths.get(route.path());
        item.put(route.method().toLowerCase(Locale.ROOT), operation);
    }

    /**
     * One method of a mounted servlet's path, as the MCP Streamable HTTP transport uses it: {@code POST} sends a
     * JSON-RPC message (answered as JSON or as a stream of server-sent events), {@code GET} opens the session's
     * stream, {@code DELETE} ends the session. Same security and refusals as {@code POST /chat}; only a {@code POST}
     * is rate limited.
     */
    private static Map<String, Object> mountedOperation(Route route, HttpConfig config) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", route.name() + "_" + route.method().toLowerCase(Locale.ROOT));
        op.put("summary", route.summary());
        Map<String, Object> sessionHeader = map(
                "name",
                "Mcp-Session-Id",
                "in",
                "header",
                "required",
                !"POST".equals(route.method()),
                "description",
                "The session the server named in its answer to initialize; a session answers only the caller who "
                        + "opened it (404 to anyone else)",
                "schema",
                map("type", "string"));
        op.put("parameters", List.of(sessionHeader));
        Map<String, Object> responses = new LinkedHashMap<>();
        switch (route.method()) {
            case "POST" -> {
                op.put(
                        "description",
                        "Sends one JSON-RPC message of the Model Context Protocol (initialize, "
                                + "tools/list, tools/call, a notification or a response to the server's request).");
                op.put(
                        "requestBody",
                        map(
                                "required",
                                true,
                                "content",
                                map("application/json", map("schema", map("type", "object")))));
                responses.put(
                        "200",
                        map(
                                "description",
                                "The JSON-RPC response, as JSON or as a stream of server-sent events",
                                "content",
                                map(
                                        "application/json",
                                        map("schema", map("type", "object")),
                                        "text/event-stream",
                                        map("schema", map("type", "string")))));
                responses.put("202", map("description", "A notification or response accepted"));
                responses.put("413", OpenApiProblems.response());
                responses.put("415", OpenApiProblems.response());
            }
            case "GET" -> {
                op.put(
                        "description",
                        "Opens the session's stream of server-sent events (server-to-client "
                                + "messages). Takes no rate-limit token.");
                responses.put(
                        "200",
                        map(
                                "description",
                                "The session's stream",
                                "content",
                                map("text/event-stream", map("schema", map("type", "string")))));
            }
            case "DELETE" -> {
                op.put("description", "Ends the session. Takes no rate-limit token.");
                responses.put("200", map("description", "The session is ended"));
            }
            default -> throw new IllegalStateException("undocumented method " + route.method() + " " + route.path());
        }
        responses.put("404", map("description", "No such session (or another caller's)"));
        responses.put("400", OpenApiProblems.response());
        responses.put("401", OpenApiProblems.response());
        if (route.rateLimited()) {
            responses.put("429", rateLimited());
        }
        responses.put("default", OpenApiProblems.response());
        op.put("security", List.of(map(OpenApiSecurity.schemeName(config.authMode()), List.of())));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> rateLimited() {
        return map(
                "description",
                "Rate limited per user or per tenant; see Retry-After",
                "headers",
                map("Retry-After", map("schema", map("type", "integer"))),
                "content",
                OpenApiProblems.content());
    }

    private static Map<String, Object> operation(Route route, HttpConfig config) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", route.name());
        op.put("summary", route.summary());
        Map<String, Object> responses = new LinkedHashMap<>();
        switch (route.name()) {
            case "chat" -> {
                op.put(
                        "requestBody",
                        map("required", true, "content", map("application/json", map("schema", ref("ChatRequest")))));
                responses.put(
                        "200",
                        json("The reply of the turn (refusals and failed dependencies are parts of it)", ref("Reply")));
                responses.put("413", OpenApiProblems.response());
                responses.put("415", OpenApiProblems.response());
                responses.put(
                        "503",
                        map(
                                "description",
                                "chosen_database_unavailable: this server has not followed the database the operator "
                                        + "connected on another server sharing its state yet; nothing was done, "
                                        + "see Retry-After",
                                "content",
                                OpenApiProblems.content()));
            }
            case "schema" -> responses.put("200", json("Exposed entities with their visible columns", ref("Schema")));
            case "health" -> {
                responses.put(
                        "200",
                        json(
                                "The server is up",
                                map(
                                        "type",
                                        "object",
                                        "properties",
                                        map(
                                                "status",
                                                map("type", "string", "const", "up"),
                                                "readOnly",
                                                map(
                                                        "type",
                                                        "boolean",
                                                        "description",
                                                        "Whether read-only mode refuses every write now (when the "
                                                                + "server has the operator controls)"),
                                                "target",
                                                targetObject()))));
                responses.put(
                        "503",
                        json(
                                "not_connected: the server has not followed the operator's latest connect (made on "
                                        + "another server sharing its state); it serves no database until it does",
                                map(
                                        "type",
                                        "object",
                                        "properties",
                                        map(
                                                "status",
                                                map("type", "string", "const", "not_connected"),
                                                "target",
                                                targetObject()))));
            }
            case "metrics" ->
                responses.put(
                        "200",
                        map(
                                "description",
                                "Prometheus text exposition",
                                "content",
                                map("text/plain", map("schema", map("type", "string")))));
            case "openapi" -> responses.put("200", json("This document", map("type", "object")));
            case "connect" -> connect(op, responses);
            case "read_only_status" -> {
                responses.put("200", json("The position of the read-only switch", readOnlyObject()));
                operatorRefusals(responses);
            }
            case "read_only_switch" -> {
                op.put(
                        "description",
                        "Turns read-only mode on (every write preview and confirm of every session refused from its "
                                + "next turn, invariant 10) or off. Audited as the operator's act. Turning it on "
                                + "always takes effect; turning it off is refused (503 audit_unavailable) unless "
                                + "the audit store records it.");
                op.put("requestBody", jsonBody(readOnlyObject()));
                responses.put(
                        "200",
                        json(
                                "The switch's position now, and whether it moved",
                                map(
                                        "type",
                                        "object",
                                        "required",
                                        List.of("on", "changed"),
                                        "properties",
                                        map("on", map("type", "boolean"), "changed", map("type", "boolean")))));
                responses.put("400", map("description", "invalid_body", "content", OpenApiProblems.content()));
                operatorRefusals(responses);
                responses.put(
                        "503",
                        map(
                                "description",
                                "audit_unavailable: the switch stays on; see Retry-After",
                                "content",
                                OpenApiProblems.content()));
            }
            case "reload" -> {
                op.put(
                        "description",
                        "Reads the settings again from their source (the configuration file, when the server has "
                                + "one) and the catalog of the current database, without a restart. Each turn runs "
                                + "wholly on the old or wholly on the new settings. Settings that do not validate, "
                                + "or that change the tenant column or the timeouts, are refused (422) and the "
                                + "running settings stay. A reload may turn read-only mode on, never off. Send no "
                                + "body, or {}. Audited as the operator's act.");
                responses.put(
                        "200",
                        json(
                                "Reloaded: new turns use the new settings and catalog",
                                map(
                                        "type",
                                        "object",
                                        "properties",
                                        map(
                                                "reloaded",
                                                map(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        List.of("catalog", "settings and catalog")),
                                                "exposedEntities",
                                                map("type", "integer"),
                                                "readOnly",
                                                map("type", "boolean"),
                                                "notes",
                                                map("type", "array", "items", map("type", "string"))))));
                responses.put("400", map("description", "invalid_body", "content", OpenApiProblems.content()));
                operatorRefusals(responses);
                responses.put(
                        "422",
                        map(
                                "description",
                                "invalid_settings: the detail names the mistake; nothing changed",
                                "content",
                                OpenApiProblems.content()));
                responses.put(
                        "503",
                        map(
                                "description",
                                "database_unavailable or audit_unavailable: nothing changed; see Retry-After",
                                "content",
                                OpenApiProblems.content()));
            }
            default -> throw new IllegalStateException("undocumented route " + route.name());
        }
        if (route.operator()) {
            if ("POST".equals(route.method())) {
                responses.put(
                        "415",
                        map(
                                "description",
                                "unsupported_media_type: send the body as application/json",
                                "content",
                                OpenApiProblems.content()));
            }
            op.put("security", List.of(map("operatorToken", List.of())));
        } else if (route.authenticated()) {
            responses.put("400", OpenApiProblems.response());
            responses.put("401", OpenApiProblems.response());
            responses.put("429", rateLimited());
            op.put("security", List.of(map(OpenApiSecurity.schemeName(config.authMode()), List.of())));
        } else {
            op.put("security", List.of());
        }
        responses.put("default", OpenApiProblems.response());
        op.put("responses", responses);
        return op;
    }

    /** The target generation in {@code /health}. */
    private static Map<String, Object> targetObject() {
        return map(
                "type",
                "object",
                "description",
                "Which connect the server serves (when it can connect databases)",
                "properties",
                map(
                        "generation",
                        map(
                                "type",
                                "integer",
                                "description",
                                "How many connects were made (on every server sharing state); 0: the configured "
                                        + "database"),
                        "current",
                        map("type", "boolean", "description", "Whether this server serves the latest connect")));
    }

    private static Map<String, Object> readOnlyObject() {
        return map(
                "type",
                "object",
                "additionalProperties",
                false,
                "required",
                List.of("on"),
                "properties",
                map("on", map("type", "boolean", "description", "true: every write is refused")));
    }

    private static Map<String, Object> jsonBody(Map<String, Object> schema) {
        return map("required", true, "content", map("application/json", map("schema", schema)));
    }

    /** The refusals every operator route shares: no or a wrong token, and a server without the controls. */
    private static void operatorRefusals(Map<String, Object> responses) {
        responses.put(
                "401",
                map(
                        "description",
                        "missing_operator_token or bad_operator_token",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "501",
                map(
                        "description",
                        "operator_controls_not_supported: this server has no operator controls",
                        "content",
                        OpenApiProblems.content()));
    }

    /** {@code POST /admin/connect}: its description, body and the reasons of each refusal. */
    private static void connect(Map<String, Object> op, Map<String, Object> responses) {
        op.put(
                "description",
                "Exists only when the server was started with the operator token "
                        + "TABLETALK_ADMIN_TOKEN (404 otherwise), and reaches only the host:port entries of "
                        + "tabletalk serve --allow-connect HOST:PORT[,HOST:PORT...]. The operator sends "
                        + "Authorization: Bearer <token>; a tenant's identity (dev header, JWT, HMAC) never opens it. "
                        + "Token and target are checked before any network access. PostgreSQL and MariaDB/MySQL URLs "
                        + "that name one host, with the credentials in the URL (the server never adds its own "
                        + "password), TLS required to every host that is not loopback, and only the options user, "
                        + "password, ssl, sslmode, connectTimeout, socketTimeout, loginTimeout, ApplicationName, "
                        + "currentSchema and tcpKeepAlive. Every network or login failure gives the same 502 "
                        + "connection_failed, no sooner than 5 s, so the route cannot probe the network. Every "
                        + "attempt is audited as the operator's. Conversations with a draft or preview start over "
                        + "after a switch.");
        op.put(
                "requestBody",
                map(
                        "required",
                        true,
                        "content",
                        map(
                                "application/json",
                                map(
                                        "schema",
                                        map(
                                                "type",
                                                "object",
                                                "additionalProperties",
                                                false,
                                                "required",
                                                List.of("url"),
                                                "properties",
                                                map(
                                                        "url",
                                                        map(
                                                                "type",
                                                                "string",
                                                                "description",
                                                                "e.g. jdbc:postgresql://db.internal:5432/shop?user=tabletalk")))))));
        responses.put("200", json("Connected: new turns use this database", ref("ConnectResult")));
        responses.put(
                "400",
                map(
                        "description",
                        "invalid_body, unsupported_url or tls_required",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "401",
                map(
                        "description",
                        "missing_operator_token or bad_operator_token",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "403",
                map(
                        "description",
                        "host_not_allowed: host:port not on the allowlist",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "409",
                map(
                        "description",
                        "several_servers: this server shares its state with others (sharedState.url) and the URL "
                                + "carries a password, but no sharedState.key is set to keep it encrypted; set one "
                                + "on every server, or connect without a password in the URL",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "501",
                map(
                        "description",
                        "connect_not_supported: this server cannot switch databases",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "502",
                map(
                        "description",
                        "connection_failed: one message for every network, "
                                + "credential or database failure; nothing changed",
                        "content",
                        OpenApiProblems.content()));
        responses.put(
                "503",
                map(
                        "description",
                        "audit_unavailable or shared_state_unavailable: nothing changed; see Retry-After. "
                                + "outcome_unknown: the shared store stopped answering after the connect was "
                                + "sent to it, so whether every server switches is not known; connecting again "
                                + "to the same database is safe",
                        "content",
                        OpenApiProblems.content()));
    }
}
