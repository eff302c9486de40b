package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.map;
import static dev.tabletalk.httpjavalin.OpenApiMaps.ref;

import dev.tabletalk.core.plan.Op;
import java.util.Arrays;
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
        Map<String, Object> row = map("type", "object", "additionalProperties", true);
        Map<String, Object> readRow = map(
                "type",
                "object",
                "additionalProperties",
                true,
                "description",
                "One row: column name to value. Beside a foreign key whose parent the caller may read, "
                        + "<fk>__label holds the parent row's label (its name, title, label, or first and last name; "
                        + "null when the parent is another tenant's, deleted or missing). An aggregate's row holds "
                        + "the group columns plus count or <fn>_<field>.");
        return map(
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
                                                        "A structured confirm: the previewId of this session's preview"))),
                "Reply",
                        map(
                                "type",
                                "object",
                                "required",
                                List.of(
                                        "sessionId",
                                        "stage",
                                        "text",
                                        "rows",
                                        "more",
                                        "trimmed",
                                        "interpretation",
                                        "page",
                                        "draft",
                                        "missing",
                                        "question",
                                        "preview",
                                        "refusal",
                                        "error"),
                                "properties",
                                map(
                                        "sessionId", map("type", "string"),
                                        "stage",
                                                map(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        List.of("IDLE", "COLLECTING", "PREVIEW", "CLARIFYING"),
                                                        "description",
                                                        "CLARIFYING: a question with numbered choices waits for its answer "
                                                                + "(a number, a label or a value)"),
                                        "text", map("type", "string"),
                                        "rows", map("type", List.of("array", "null"), "items", readRow),
                                        "more", map("type", "boolean"),
                                        "trimmed",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "description",
                                                        "What the reply limits cut: rows left out, values cut to the cell limit "
                                                                + "(a cut value is {truncated: true, length, text})",
                                                        "properties",
                                                        map(
                                                                "rowsOmitted",
                                                                map("type", "integer"),
                                                                "cellsTruncated",
                                                                map("type", "integer"))),
                                        "interpretation",
                                                map(
                                                        "type",
                                                        List.of("string", "null"),
                                                        "description",
                                                        "What a read was understood to ask, in one line, e.g. 'customers where "
                                                                + "country is Germany or country is France, sorted by last name; 9 rows'; "
                                                                + "null for replies that are not reads"),
                                        "page",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "description",
                                                        "Which page of a read the rows are: rows firstRow to lastRow, counted "
                                                                + "from 1 (0 and 0 for an empty page); 'show more' continues after "
                                                                + "lastRow, 'page 3' jumps; null for replies that are not reads",
                                                        "properties",
                                                        map(
                                                                "number",
                                                                map("type", "integer"),
                                                                "firstRow",
                                                                map("type", "integer"),
                                                                "lastRow",
                                                                map("type", "integer"))),
                                        "draft",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "properties",
                                                        map(
                                                                "intent",
                                                                map("type", "string"),
                                                                "entity",
                                                                map("type", "string"),
                                                                "values",
                                                                row,
                                                                "filters",
                                                                map("type", "array", "items", ref("Condition")))),
                                        "missing",
                                                map(
                                                        "type",
                                                        List.of("array", "null"),
                                                        "description",
                                                        "The required fields a create still needs, the one asked for first",
                                                        "items",
                                                        ref("MissingField")),
                                        "question",
                                                map(
                                                        "description",
                                                        "The clarifying question waiting for its answer (stage CLARIFYING), "
                                                                + "else null",
                                                        "oneOf",
                                                        List.of(ref("Question"), map("type", "null"))),
                                        "preview",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "properties",
                                                        map(
                                                                "previewId", map("type", "string"),
                                                                "intent",
                                                                        map(
                                                                                "type",
                                                                                "string",
                                                                                "enum",
                                                                                List.of("create", "update")),
                                                                "entity", map("type", "string"),
                                                                "rowCount", map("type", "integer"),
                                                                "changedColumns",
                                                                        map(
                                                                                "type",
                                                                                "array",
                                                                                "items",
                                                                                map("type", "string")),
                                                                "changes",
                                                                        map(
                                                                                "type",
                                                                                "array",
                                                                                "items",
                                                                                map(
                                                                                        "type",
                                                                                        "object",
                                                                                        "properties",
                                                                                        map(
                                                                                                "key",
                                                                                                map(
                                                                                                        "type",
                                                                                                        List.of(
                                                                                                                "object",
                                                                                                                "null")),
                                                                                                "before",
                                                                                                map(
                                                                                                        "type",
                                                                                                        List.of(
                                                                                                                "object",
                                                                                                                "null")),
                                                                                                "after",
                                                                                                row))),
                                                                "expiresAt",
                                                                        map("type", "string", "format", "date-time"))),
                                        "refusal",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "properties",
                                                        map(
                                                                "code",
                                                                map("type", "string"),
                                                                "message",
                                                                map("type", "string"))),
                                        "error",
                                                map(
                                                        "type",
                                                        List.of("object", "null"),
                                                        "properties",
                                                        map(
                                                                "code",
                                                                map("type", "string"),
                                                                "message",
                                                                map("type", "string"),
                                                                "retryable",
                                                                map("type", "boolean"),
                                                                "errorId",
                                                                map("type", "string"))))),
                "MissingField", missingField(),
                "Question", question(),
                "Filter",
                        map(
                                "type",
                                "object",
                                "properties",
                                map(
                                        "field",
                                        map("type", "string"),
                                        "op",
                                        map(
                                                "type",
                                                "string",
                                                "enum",
                                                Arrays.stream(Op.values())
                                                        .map(Op::symbol)
                                                        .toList()),
                                        "value",
                                        map())),
                "Condition",
                        map(
                                "description",
                                "A filter {field, op, value}, or {anyOf: [conditions]} (at least one holds), or "
                                        + "{not: condition} (it does not hold, rows whose field is empty included), or "
                                        + "a link {field: foreign key, op: in, via: {entity, filters: [conditions]}} "
                                        + "(the row points at a row of entity that meets the filters)",
                                "oneOf",
                                List.of(
                                        ref("Filter"),
                                        map(
                                                "type",
                                                "object",
                                                "required",
                                                List.of("anyOf"),
                                                "properties",
                                                map("anyOf", map("type", "array", "items", ref("Condition")))),
                                        map(
                                                "type",
                                                "object",
                                                "required",
                                                List.of("not"),
                                                "properties",
                                                map("not", ref("Condition"))),
                                        map(
                                                "type",
                                                "object",
                                                "required",
                                                List.of("field", "op", "via"),
                                                "properties",
                                                map(
                                                        "field",
                                                        map("type", "string"),
                                                        "op",
                                                        map("type", "string", "enum", List.of("in")),
                                                        "via",
                                                        map(
                                                                "type",
                                                                "object",
                                                                "required",
                                                                List.of("entity", "filters"),
                                                                "properties",
                                                                map(
                                                                        "entity",
                                                                        map("type", "string"),
                                                                        "filters",
                                                                        map(
                                                                                "type",
                                                                                "array",
                                                                                "items",
                                                                                ref("Condition")))))))),
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
                "Problem", OpenApiProblems.schema());
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

    /** One missing field of a create: its name, value type, whether required, and the values it allows. */
    private static Map<String, Object> missingField() {
        return map(
                "type",
                "object",
                "required",
                List.of("field", "type", "required", "allowed"),
                "properties",
                map(
                        "field", map("type", "string"),
                        "type",
                                map(
                                        "type",
                                        "string",
                                        "description",
                                        "The value type in lower case: text, integer, decimal, float, boolean, date, "
                                                + "time, timestamp, timestamp_tz, uuid, json, binary or other"),
                        "required", map("type", "boolean"),
                        "allowed",
                                map(
                                        "type",
                                        List.of("array", "null"),
                                        "description",
                                        "The only values the field takes (an enum column), else null",
                                        "items",
                                        map("type", "string"))));
    }

    /** A clarifying question: its text and numbered choices; the next message answers by number, label or value. */
    private static Map<String, Object> question() {
        return map(
                "type",
                "object",
                "required",
                List.of("text", "choices"),
                "properties",
                map(
                        "text",
                        map("type", "string", "description", "The question, e.g. \"'Paris': city or country?\""),
                        "choices",
                        map(
                                "type",
                                "array",
                                "items",
                                map(
                                        "type",
                                        "object",
                                        "required",
                                        List.of("n", "label", "value"),
                                        "properties",
                                        map(
                                                "n",
                                                map("type", "integer", "minimum", 1),
                                                "label",
                                                map("type", "string"),
                                                "value",
                                                map("type", "string"))))));
    }
}
