package dev.tabletalk.core.reply;

import dev.tabletalk.core.plan.Op;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Schema of the reply object that {@link ReplyWire} renders: the one source of {@code POST /chat}'s
 * reply in {@code /openapi.json} and of the MCP tool {@code tabletalk_chat}'s output schema (#16), so that the two
 * can never describe different objects. Schemas are plain ordered maps of JDK types, ready for any JSON writer.
 * Stateless and thread-safe.
 */
public final class ReplySchemas {

    private final String refPrefix;

    private ReplySchemas(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /**
     * The schemas {@code Reply}, {@code MissingField}, {@code Question}, {@code Filter} and {@code Condition} by
     * name, in documentation order, each referring to the others as {@code refPrefix + name}, e.g. with
     * {@code #/components/schemas/} for an OpenAPI document.
     */
    public static Map<String, Object> definitions(String refPrefix) {
        return new ReplySchemas(Objects.requireNonNull(refPrefix, "refPrefix")).all();
    }

    /**
     * The reply's schema as one self-contained JSON Schema document: the {@code Reply} object at the root, the
     * schemas it refers to under {@code $defs}.
     */
    public static Map<String, Object> standalone() {
        Map<String, Object> definitions = definitions("#/$defs/");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) definitions.remove("Reply"));
        root.put("$defs", definitions);
        return root;
    }

    private Map<String, Object> all() {
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
                                                                                ref("Condition")))))))));
    }

    /** One missing field of a create: its name, value type, whether required, and the values it allows. */
    private Map<String, Object> missingField() {
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
    private Map<String, Object> question() {
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

    private Map<String, Object> ref(String name) {
        return map("$ref", refPrefix + name);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
