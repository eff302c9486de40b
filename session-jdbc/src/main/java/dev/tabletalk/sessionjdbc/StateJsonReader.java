package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.TruncatedText;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the JSON of {@link StateJson} (format 1, or {@link StateJson#FORMAT} 2 with the preview a confirm took) straight from the text, token by token, without
 * building a tree first: every turn of a conversation on the JDBC session store reads its state once (#17).
 *
 * <p>As strict as reading a tree and checking it: one JSON value and nothing after it, no repeated key, no nesting
 * deeper than {@link StrictJson#MAX_DEPTH}; every field there (an absent optional value is written as
 * {@code null}, never left out), of its type, and in the order {@link StateJsonWriter} writes them (the order every
 * format-1 state has been written in), with no field besides; a kind, constant or value type this code does not
 * know is an error. A problem throws {@link IllegalArgumentException} naming the field. One reader per state; the
 * class is thread-safe.
 */
final class StateJsonReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(StrictJson.MAX_DEPTH)
                    .build())
            .build();

    private final JsonParser in;
    private final OrderedFields json;

    private StateJsonReader(JsonParser in) {
        this.in = in;
        this.json = new OrderedFields(in);
    }

    /**
     * The state {@code json} holds.
     *
     * @throws IllegalArgumentException when it is not a whole state of format 1, with what is wrong
     */
    static ConversationState read(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            StateJsonReader reader = new StateJsonReader(parser);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            ConversationState state = reader.state();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("not JSON: content after the state");
            }
            return state;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    private ConversationState state() throws IOException {
        String sessionId = json.text("sessionId");
        String ownerUserId = json.text("ownerUserId");
        Optional<String> ownerTenant = json.optionalText("ownerTenant");
        Stage stage = json.constant("stage", Stage.class);
        long version = json.whole("version");
        Instant updatedAt = json.instant("updatedAt");
        Optional<String> expiredPreviewId = json.optionalText("expiredPreviewId");
        Optional<Draft> draft = json.optionalObject("draft") ? Optional.of(draft()) : Optional.empty();
        Optional<PendingPreview> pending = json.optionalObject("pending") ? Optional.of(pending()) : Optional.empty();
        Optional<Question> question = json.optionalObject("question") ? Optional.of(question()) : Optional.empty();
        Optional<LastRead> lastRead = json.optionalObject("lastRead") ? Optional.of(lastRead()) : Optional.empty();
        Optional<PendingMacro> macro = json.optionalObject("macro") ? Optional.of(macro()) : Optional.empty();
        Optional<ConfirmedPreview> confirmed =
                json.endOrObject("confirmed") ? Optional.empty() : Optional.of(confirmed());
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                stage,
                draft,
                pending,
                version,
                updatedAt,
                expiredPreviewId,
                question,
                lastRead,
                macro,
                confirmed);
    }

    /** The preview a confirm took (format 2), whose start was just read, and the end of the state after it. */
    private ConfirmedPreview confirmed() throws IOException {
        String id = json.text("id");
        json.object("snapshot");
        PreviewSnapshot snapshot = snapshot();
        Instant confirmedAt = json.instant("confirmedAt");
        json.end();
        json.end();
        return new ConfirmedPreview(id, snapshot, confirmedAt);
    }

    /** The object whose start was just read, up to its end. */
    private Draft draft() throws IOException {
        Intent intent = json.constant("intent", Intent.class);
        String entity = json.text("entity");
        Map<String, Object> values = row("values");
        List<Condition> filters = conditions("filters");
        Optional<String> awaitingField = json.optionalText("awaitingField");
        json.end();
        return new Draft(intent, entity, values, filters, awaitingField);
    }

    private PendingPreview pending() throws IOException {
        String id = json.text("id");
        json.object("preview");
        Preview preview = preview();
        json.object("snapshot");
        PreviewSnapshot snapshot = snapshot();
        Instant expiresAt = json.instant("expiresAt");
        json.end();
        return new PendingPreview(id, preview, snapshot, expiresAt);
    }

    private Preview preview() throws IOException {
        Intent intent = json.constant("intent", Intent.class);
        String entity = json.text("entity");
        json.startList("changes");
        List<RowChange> changes = new ArrayList<>();
        while (json.nextItem("changes")) {
            json.startItem("a change");
            Optional<RowKey> key = json.optionalObject("key") ? Optional.of(new RowKey(rowFields())) : Optional.empty();
            Map<String, Object> before = row("before");
            Map<String, Object> after = row("after");
            json.end();
            changes.add(new RowChange(key, before, after));
        }
        List<String> changedColumns = json.texts("changedColumns");
        json.end();
        return new Preview(intent, entity, changes, changedColumns);
    }

    private PreviewSnapshot snapshot() throws IOException {
        json.object("plan");
        Plan plan = plan();
        json.startList("keys");
        List<RowKey> keys = new ArrayList<>();
        while (json.nextItem("keys")) {
            json.startItem("a key");
            keys.add(new RowKey(rowFields()));
        }
        String valuesHash = json.text("valuesHash");
        json.end();
        return new PreviewSnapshot(plan, keys, valuesHash);
    }

    private Question question() throws IOException {
        String text = json.text("text");
        json.startList("choices");
        List<Question.Choice> choices = new ArrayList<>();
        while (json.nextItem("choices")) {
            json.startItem("a choice");
            String label = json.text("label");
            String value = json.text("value");
            json.object("plan");
            Plan plan = plan();
            json.end();
            choices.add(new Question.Choice(label, value, plan));
        }
        json.end();
        return new Question(text, choices);
    }

    private LastRead lastRead() throws IOException {
        json.object("plan");
        Plan plan = plan();
        if (!(plan instanceof ReadPlan read)) {
            throw new IllegalArgumentException("the last read's plan is not a read");
        }
        int page = json.integer("page");
        int rowsBefore = json.integer("rowsBefore");
        int rowsShown = json.integer("rowsShown");
        Optional<Keyset> position = json.optionalObject("position") ? Optional.of(keyset()) : Optional.empty();
        boolean hasMore = json.bool("hasMore");
        json.end();
        return new LastRead(read, page, rowsBefore, rowsShown, position, hasMore);
    }

    private PendingMacro macro() throws IOException {
        String name = json.text("macro");
        json.object("arguments");
        Map<String, String> arguments = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            String argument = in.currentName();
            if (in.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("the macro argument '" + argument + "' is not text");
            }
            arguments.put(argument, in.getText());
        }
        String awaiting = json.text("awaiting");
        json.end();
        return new PendingMacro(name, arguments, awaiting);
    }

    private Plan plan() throws IOException {
        String entity = json.text("entity");
        String kind = json.text("kind");
        Plan plan = switch (kind) {
            case "create" -> new CreatePlan(entity, row("values"));
            case "update" -> new UpdatePlan(entity, row("changes"), conditions("filters"));
            case "read" -> readPlan(entity);
            default -> throw new IllegalArgumentException("unknown plan kind '" + kind + "'");
        };
        json.end();
        return plan;
    }

    private ReadPlan readPlan(String entity) throws IOException {
        List<String> fields = json.texts("fields");
        List<Condition> filters = conditions("filters");
        json.startList("orderBy");
        List<Sort> orderBy = new ArrayList<>();
        while (json.nextItem("orderBy")) {
            json.startItem("a sort");
            String field = json.text("field");
            boolean descending = json.bool("descending");
            json.end();
            orderBy.add(new Sort(field, descending));
        }
        json.field("limit");
        OptionalInt limit = in.nextToken() == JsonToken.VALUE_NULL
                ? OptionalInt.empty()
                : OptionalInt.of(json.currentInteger("limit"));
        int offset = json.integer("offset");
        Optional<Aggregate> aggregate = json.optionalObject("aggregate") ? Optional.of(aggregate()) : Optional.empty();
        DeletedRows deleted = json.constant("deleted", DeletedRows.class);
        Optional<Keyset> after = json.optionalObject("after") ? Optional.of(keyset()) : Optional.empty();
        return new ReadPlan(entity, fields, filters, orderBy, limit, offset, aggregate, deleted, after);
    }

    private Aggregate aggregate() throws IOException {
        Aggregate.Fn fn = json.constant("fn", Aggregate.Fn.class);
        Optional<String> field = json.optionalText("field");
        List<String> groupBy = json.texts("groupBy");
        json.end();
        return new Aggregate(fn, field, groupBy);
    }

    private Keyset keyset() throws IOException {
        List<String> columns = json.texts("columns");
        json.startList("values");
        List<Object> values = new ArrayList<>();
        while (json.nextItem("values")) {
            values.add(value());
        }
        json.end();
        return new Keyset(columns, values);
    }

    private List<Condition> conditions(String field) throws IOException {
        json.startList(field);
        List<Condition> conditions = new ArrayList<>();
        while (json.nextItem(field)) {
            conditions.add(condition());
        }
        return conditions;
    }

    /** The condition whose first token was just read. */
    private Condition condition() throws IOException {
        json.startItem("a condition");
        return conditionFields();
    }

    /** A condition whose start was read already (the item of a {@code not}). */
    private Condition conditionFields() throws IOException {
        String kind = json.text("kind");
        Condition condition = switch (kind) {
            case "filter" -> {
                String field = json.text("field");
                Op op = json.constant("op", Op.class);
                json.field("value");
                in.nextToken();
                yield new Filter(field, op, value());
            }
            case "anyOf" -> new AnyOf(conditions("items"));
            case "not" -> {
                json.object("item");
                yield new Not(conditionFields());
            }
            case "related" -> new Related(json.text("field"), json.text("entity"), conditions("filters"));
            default -> throw new IllegalArgumentException("unknown condition kind '" + kind + "'");
        };
        json.end();
        return condition;
    }

    /** The field {@code name}: an object of values, as a field-to-value map in its order ({@code null}s kept). */
    private Map<String, Object> row(String name) throws IOException {
        json.field(name);
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("a row of values is missing");
        }
        return rowFields();
    }

    /** The fields of an object of values whose start was just read, up to its end. */
    private Map<String, Object> rowFields() throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            String field = in.currentName();
            in.nextToken();
            row.put(field, value());
        }
        return row;
    }

    /** The value whose first token was just read, as {@link ValueJson} describes it. */
    private Object value() throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            throw new IllegalArgumentException("a value is missing");
        }
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return in.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new IllegalArgumentException("not a stored value: a whole number out of range");
                }
                return in.getLongValue();
            case START_ARRAY:
                List<Object> items = new ArrayList<>();
                for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
                    items.add(value());
                }
                return Collections.unmodifiableList(items);
            case START_OBJECT:
                return tagged();
            default:
                throw new IllegalArgumentException("not a stored value: " + token);
        }
    }

    /** A tagged value ({@code {"type": ..., "value": ...}}) whose start was just read. */
    private Object tagged() throws IOException {
        String type = json.text("type");
        String text = json.text("value");
        Object value;
        if (ValueJson.TRUNCATED.equals(type)) {
            value = new TruncatedText(text, json.whole("length"));
        } else {
            value = ValueJson.parseTagged(type, text);
        }
        json.end();
        return value;
    }
}
