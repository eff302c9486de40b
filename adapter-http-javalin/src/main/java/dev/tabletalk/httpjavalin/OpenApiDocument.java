package dev.tabletalk.httpjavalin;

import dev.tabletalk.identity.AuthMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of every route in {@link Route#ALL}, written by hand (no OpenAPI plugin exists
 * for Javalin 7). The security scheme follows the server's auth mode.
 */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static Map<String, Object> build(HttpConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "TableTalk HTTP API", "version", "0.1.0",
                "description", "A conversational admin agent for a database. Every turn goes through POST /chat; "
                        + "writes stop at a preview and run only after an explicit confirm of that preview. "
                        + "Errors are RFC 9457 problem documents with a machine-readable reason and an error id."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : Route.ALL) {
            if (route.operator() && !config.connectEnabled()) {
                continue; // the /admin routes do not exist without the operator token
            }
            Map<String, Object> operation = operation(route, config);
            paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<String, Object>());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.get(route.path());
            item.put(route.method().toLowerCase(Locale.ROOT), operation);
        }
        doc.put("paths", paths);
        doc.put("components", map("schemas", schemas(), "securitySchemes", securitySchemes(),
                "responses", responses()));
        return doc;
    }

    private static Map<String, Object> operation(Route route, HttpConfig config) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", route.name());
        op.put("summary", route.summary());
        Map<String, Object> responses = new LinkedHashMap<>();
        switch (route.name()) {
            case "chat" -> {
                op.put("requestBody", map("required", true, "content",
                        map("application/json", map("schema", ref("ChatRequest")))));
                responses.put("200", json("The reply of the turn (refusals and failed dependencies are parts of it)",
                        ref("Reply")));
                responses.put("413", ref("#/components/responses/Problem"));
                responses.put("415", ref("#/components/responses/Problem"));
            }
            case "schema" -> responses.put("200", json("Exposed entities with their visible columns", ref("Schema")));
            case "health" -> responses.put("200", json("The server is up",
                    map("type", "object", "properties", map("status", map("type", "string", "const", "up")))));
            case "metrics" -> responses.put("200", map("description", "Prometheus text exposition",
                    "content", map("text/plain", map("schema", map("type", "string")))));
            case "openapi" -> responses.put("200", json("This document", map("type", "object")));
            case "connect" -> {
                op.put("description", "Exists only when the server was started with the operator token "
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
                op.put("requestBody", map("required", true, "content", map("application/json", map("schema",
                        map("type", "object", "additionalProperties", false, "required", List.of("url"),
                                "properties", map("url", map("type", "string",
                                        "description", "e.g. jdbc:postgresql://db.internal:5432/shop?user=tabletalk")))))));
                responses.put("200", json("Connected: new turns use this database", ref("ConnectResult")));
                responses.put("400", map("description", "invalid_body, unsupported_url or tls_required",
                        "content", problemContent()));
                responses.put("401", map("description", "missing_operator_token or bad_operator_token",
                        "content", problemContent()));
                responses.put("403", map("description", "host_not_allowed: host:port not on the allowlist",
                        "content", problemContent()));
                responses.put("501", map("description", "connect_not_supported: this server cannot switch databases",
                        "content", problemContent()));
                responses.put("502", map("description", "connection_failed: one message for every network, "
                        + "credential or database failure; nothing changed", "content", problemContent()));
                responses.put("503", map("description", "audit_unavailable: nothing changed; see Retry-After",
                        "content", problemContent()));
            }
            default -> throw new IllegalStateException("undocumented route " + route.name());
        }
        if (route.operator()) {
            op.put("security", List.of(map("operatorToken", List.of())));
        } else if (route.authenticated()) {
            responses.put("400", ref("#/components/responses/Problem"));
            responses.put("401", ref("#/components/responses/Problem"));
            responses.put("429", map("description", "Rate limited per user or per tenant; see Retry-After",
                    "headers", map("Retry-After", map("schema", map("type", "integer"))),
                    "content", problemContent()));
            op.put("security", List.of(map(schemeName(config.authMode()), List.of())));
        } else {
            op.put("security", List.of());
        }
        responses.put("default", ref("#/components/responses/Problem"));
        op.put("responses", responses);
        return op;
    }

    private static String schemeName(AuthMode mode) {
        return switch (mode) {
            case DEV -> "devUserContext";
            case JWT -> "bearerJwt";
            case HMAC -> "hmacSignedContext";
        };
    }

    private static Map<String, Object> securitySchemes() {
        return map(
                "operatorToken", map("type", "http", "scheme", "bearer",
                        "description", "The operator token TABLETALK_ADMIN_TOKEN (the /admin routes only)"),
                "devUserContext", map("type", "apiKey", "in", "header", "name", "X-User-Context",
                        "description", "base64 of {\"user_id\": string, \"user_role\": string, \"company_id\": integer}; "
                                + "at most 4096 bytes; only on a loopback bind"),
                "bearerJwt", map("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                        "description", "HS256, RS256 or ES256; exp, iss and aud required; claims user_id, user_role "
                                + "and company_id (integer)"),
                "hmacSignedContext", map("type", "apiKey", "in", "header", "name", "X-Ctx-Signature",
                        "description", "hex(HMAC-SHA256(key, X-Ctx-Timestamp \\n X-Ctx-Nonce \\n METHOD \\n path \\n "
                                + "hex(sha256(body)) \\n X-User-Context)) with X-Ctx-Key-Id; 300 s window; "
                                + "nonces are single use"));
    }

    private static Map<String, Object> responses() {
        return map("Problem", map("description", "An RFC 9457 problem document", "content", problemContent()));
    }

    private static Map<String, Object> problemContent() {
        return map("application/problem+json", map("schema", ref("Problem")));
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> nullableString = map("type", List.of("string", "null"));
        Map<String, Object> row = map("type", "object", "additionalProperties", true);
        return map(
                "ConnectResult", map("type", "object", "required", List.of("database", "exposedEntities"),
                        "properties", map(
                                "database", map("type", "string",
                                        "description", "The new target without credentials, e.g. postgresql "
                                                + "db.internal:5432/shop"),
                                "exposedEntities", map("type", "integer"))),
                "ChatRequest", map("type", "object", "additionalProperties", false,
                        "properties", map(
                                "sessionId", map("type", List.of("string", "null"),
                                        "description", "The session to continue; omit to start one"),
                                "message", map("type", "string", "description", "The message, e.g. 'show customers'"),
                                "confirm", map("type", "string",
                                        "description", "A structured confirm: the previewId of this session's preview"))),
                "Reply", map("type", "object",
                        "required", List.of("sessionId", "stage", "text", "rows", "more", "trimmed", "draft",
                                "missing", "preview", "refusal", "error"),
                        "properties", map(
                                "sessionId", map("type", "string"),
                                "stage", map("type", "string", "enum", List.of("IDLE", "COLLECTING", "PREVIEW")),
                                "text", map("type", "string"),
                                "rows", map("type", List.of("array", "null"), "items", row),
                                "more", map("type", "boolean"),
                                "trimmed", map("type", List.of("object", "null"), "description",
                                        "What the reply limits cut: rows left out, values cut to the cell limit "
                                                + "(a cut value is {truncated: true, length, text})",
                                        "properties", map("rowsOmitted", map("type", "integer"),
                                                "cellsTruncated", map("type", "integer"))),
                                "draft", map("type", List.of("object", "null"), "properties", map(
                                        "intent", map("type", "string"), "entity", map("type", "string"),
                                        "values", row, "filters", map("type", "array", "items", ref("Filter")))),
                                "missing", map("type", List.of("array", "null"), "items", map("type", "string")),
                                "preview", map("type", List.of("object", "null"), "properties", map(
                                        "previewId", map("type", "string"),
                                        "intent", map("type", "string", "enum", List.of("create", "update")),
                                        "entity", map("type", "string"),
                                        "rowCount", map("type", "integer"),
                                        "changedColumns", map("type", "array", "items", map("type", "string")),
                                        "changes", map("type", "array", "items", map("type", "object",
                                                "properties", map("key", map("type", List.of("object", "null")),
                                                        "before", map("type", List.of("object", "null")),
                                                        "after", row))),
                                        "expiresAt", map("type", "string", "format", "date-time"))),
                                "refusal", map("type", List.of("object", "null"), "properties", map(
                                        "code", map("type", "string"), "message", map("type", "string"))),
                                "error", map("type", List.of("object", "null"), "properties", map(
                                        "code", map("type", "string"), "message", map("type", "string"),
                                        "retryable", map("type", "boolean"), "errorId", map("type", "string"))))),
                "Filter", map("type", "object", "properties", map("field", map("type", "string"),
                        "op", map("type", "string", "enum", List.of("=", "!=", "<", "<=", ">", ">=", "contains",
                                "starts_with", "in", "is_null", "is_not_null", "between")),
                        "value", map())),
                "Schema", map("type", "object", "properties", map(
                        "fingerprint", map("type", "string"),
                        "entities", map("type", "array", "items", map("type", "object", "properties", map(
                                "name", map("type", "string"), "comment", nullableString,
                                "writable", map("type", "boolean"),
                                "primaryKey", map("type", "array", "items", map("type", "string")),
                                "columns", map("type", "array", "items", map("type", "object", "properties", map(
                                        "name", map("type", "string"), "type", map("type", "string"),
                                        "nullable", map("type", "boolean"),
                                        "enumValues", map("type", List.of("array", "null")),
                                        "comment", nullableString,
                                        "roles", map("type", "array", "items", map("type", "string")))))))))),
                "Problem", map("type", "object", "required", List.of("type", "title", "status", "reason", "errorId"),
                        "properties", map(
                                "type", map("type", "string", "format", "uri"),
                                "title", map("type", "string"),
                                "status", map("type", "integer"),
                                "detail", map("type", "string"),
                                "instance", map("type", "string"),
                                "errorId", map("type", "string"),
                                "reason", map("type", "string", "description",
                                        "Stable machine-readable reason, e.g. missing_context, malformed_context, "
                                                + "duplicate_key, missing_claim, type_error, context_too_large, "
                                                + "invalid_token, token_expired, invalid_issuer, invalid_audience, "
                                                + "bad_signature, stale_timestamp, replayed_nonce, rate_limited, "
                                                + "body_too_large, invalid_body, not_found, internal"))));
    }

    private static Map<String, Object> json(String description, Object schema) {
        return map("description", description, "content", map("application/json", map("schema", schema)));
    }

    private static Map<String, Object> ref(String nameOrPointer) {
        return map("$ref", nameOrPointer.startsWith("#") ? nameOrPointer : "#/components/schemas/" + nameOrPointer);
    }

    /** An ordered map from alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
