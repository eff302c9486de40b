package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.map;

import dev.tabletalk.core.reply.ReplySchemas;
import java.util.List;
import java.util.Map;

/**
 * The schemas of {@link OpenApiDocument} ({@code components.schemas}): the bodies of {@code POST /chat}, of
 * {@code GET /schema} and of {@code POST /admin/connect}, and the problem document.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {}

    /** Every schema, in documentation order. */
    static Map<String, Object> all() {
        Map<String, Object> nullableString = map("type", List.of("string", "null"));
        Map<String, Object> schemas = map(
                "ConnectResult",
                        map(
                                "type",
                                "object",
                                "required",
                                List.of("database", "exposedEntities"),
                                "properties",
                                map(
                                        "database",
                                                map(
                                                        "type",
                                                        "string",
                                                        "description",
                                                        "The new target without credentials, e.g. postgresql "
                                                                + "db.internal:5432/shop"),
                                        "exposedEntities", map("type", "integer"))),
                "ChatRequest",
                        map(
                                "type",
                                "object",
                                "additionalProperties",
                                false,
                                "properties",
                                map(
                                        "sessionId",
                                                map(
                                                        "type",
                                                        List.of("string", "null"),
                                                        "description",
                                                        "The session to continue; omit to start one"),
                                        "message",
                                                map(
                                                        "type",
                                                        "string",
                                                        "description",
                                                        "The message, e.g. 'show customers'"),
                                        "confirm",
                                                map(
                                                        "type",
                                                        "string",
                                                        "description",
                                                        "A structured confirm: the previewId of this session's preview"))));
        // the reply object and what it refers to: one source with the MCP tool's output schema (#16)
        schemas.putAll(ReplySchemas.definitions("#/components/schemas/"));
        schemas.putAll(map(
                "Schema",
                        map(
                                "type",
                                "object",
                                "properties",
                                map(
                                        "fingerprint", map("type", "string"),
                                        "macros", macros(),
                                        "entities",
                                                map(
                                                        "type",
                                                        "array",
                                                        "items",
                                                        map(
                                                                "type",
                                                                "object",
                                                                "properties",
                                                                map(
                                                                        "name",
                                                                        map("type", "string"),
                                                                        "comment",
                                                                        nullableString,
                                                                        "writable",
                                                                        map("type", "boolean"),
                                                                        "primaryKey",
                                                                        map(
                                                                                "type",
                                                                                "array",
                                                                                "items",
                                                                                map("type", "string")),
                                                                        "columns",
                                                                        map(
                                                                                "type",
                                                                                "array",
                                                                                "items",
                                                                                map(
                                                                                        "type",
                                                                                        "object",
                                                                                        "properties",
                                                                                        map(
                                                                                                "name",
                                                                                                map("type", "string"),
                                                                                                "type",
                                                                                                map("type", "string"),
                                                                                                "nullable",
                                                                                                map("type", "boolean"),
                                                                                                "enumValues",
                                                                                                map(
                                                                                                        "type",
                                                                                                        List.of(
                                                                                                                "array",
                                                                                                                "null")),
                                                                                                "comment",
                                                                                                nullableString,
                                                                                                "roles",
                                                                                                map(
                                                                                                        "type",
                                                                                                        "array",
                                                                                                        "items",
                                                                                                        map(
                                                                                                                "type",
                                                                                                                "string")))))))))),
                "Problem", OpenApiProblems.schema()));
        return schemas;
    }

    /** The macros the caller may run (#14), under {@code GET /schema}'s {@code macros}. */
    private static Map<String, Object> macros() {
        Map<String, Object> param = map(
                "type",
                "object",
                "required",
                List.of("name", "type"),
                "properties",
                map(
                        "name",
                        map("type", "string"),
                        "type",
                        map("type", "string", "enum", List.of("integer", "number", "text", "date", "month"))));
        Map<String, Object> macro = map(
                "type",
                "object",
                "required",
                List.of("name", "description", "usage", "intent", "entity", "params"),
                "properties",
                map(
                        "name",
                        map("type", "string", "description", "The words that call it, e.g. deactivate customer"),
                        "description",
                        map("type", "string"),
                        "usage",
                        map("type", "string", "description", "e.g. deactivate customer <id>"),
                        "intent",
                        map("type", "string", "enum", List.of("read", "create", "update")),
                        "entity",
                        map("type", "string"),
                        "params",
                        map(
                                "type",
                                "array",
                                "items",
                                param,
                                "description",
                                "In the order their values are typed after the name")));
        return map(
                "type",
                "array",
                "items",
                macro,
                "description",
                "The operator's named requests this caller's role may run: send the usage with values as a chat "
                        + "message (\"deactivate customer 42\"); a missing value is asked for");
    }
}
