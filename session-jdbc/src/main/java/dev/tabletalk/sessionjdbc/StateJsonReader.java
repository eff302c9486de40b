package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import dev.tabletalk.core.text.InstantText;
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
 * Reads the JSON of {@link StateJson} ({@link StateJson#FORMAT} 1) straight from the text, token by token, without
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

    private StateJsonReader(JsonParser in) {
        this.in = in;
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
        String sessionId = text("sessionId");
        String ownerUserId = text("ownerUserId");
        Optional<String> ownerTenant = optionalText("ownerTenant");
        Stage stage = constant("stage", Stage.class);
        long version = whole("version");
        Instant updatedAt = instant("updatedAt");
        Optional<String> expiredPreviewId = optionalText("expiredPreviewId");
        Optional<Draft> draft = optionalObject("draft") ? Optional.of(draft()) : Optional.empty();
        Optional<PendingPreview> pending = optionalObject("pending") ? Optional.of(pending()) : Optional.empty();
        Optional<Question> question = optionalObject("question") ? Optional.of(question()) : Optional.empty();
        Optional<LastRead> lastRead = optionalObject("lastRead") ? Optional.of(lastRead()) : Optional.empty();
        Optional<PendingMacro> macro = optionalObject("macro") ? Optional.of(macro()) : Optional.empty();
        end();
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
                macro);
    }

    /** The object whose start was just read, up to its end. */
    private Draft draft() throws IOException {
        Intent intent = constant("intent", Intent.class);
        String entity = text("entity");
        Map<String, Object> values = row("values");
        List<Condition> filters = conditions("filters");
        Optional<String> awaitingField = optionalText("awaitingField");
        end();
        return new Draft(intent, entity, values, filters, awaitingField);
    }

    private PendingPreview pending() throws IOException {
        String id = text("id");
        object("preview");
        Preview preview = preview();
        object("snapshot");
        PreviewSnapshot snapshot = snapshot();
        Instant expiresAt = instant("expiresAt");
        end();
        return new PendingPreview(id, preview, snapshot, expiresAt);
    }

    private Preview preview() throws IOException {
        Intent intent = constant("intent", Intent.class);
        String entity = text("entity");
        startList("changes");
        List<RowChange> changes = new ArrayList<>();
        while (nextItem("changes")) {
            startItem("a change");
            Optional<RowKey> key = optionalObject("key") ? Optional.of(new RowKey(rowFields())) : Optional.empty();
            Map<String, Object> before = row("before");
            Map<String, Object> after = row("after");
            end();
            changes.add(new RowChange(key, before, after));
        }
        List<String> changedColumns = texts("changedColumns");
        end();
        return new Preview(intent, entity, changes, changedColumns);
    }

    private PreviewSnapshot snapshot() throws IOException {
        object("plan");
        Plan plan = plan();
        startList("keys");
        List<RowKey> keys = new ArrayList<>();
        while (nextItem("keys")) {
            startItem("a key");
            keys.add(new RowKey(rowFields()));
        }
        String valuesHash = text("valuesHash");
        end();
        return new PreviewSnapshot(plan, keys, valuesHash);
    }

    private Question question() throws IOException {
        String text = text("text");
        startList("choices");
        List<Question.Choice> choices = new ArrayList<>();
        while (nextItem("choices")) {
            startItem("a choice");
            String label = text("label");
            String value = text("value");
            object("plan");
            Plan plan = plan();
            end();
            choices.add(new Question.Choice(label, value, plan));
        }
        end();
        return new Question(text, choices);
    }

    private LastRead lastRead() throws IOException {
        object("plan");
        Plan plan = plan();
        if (!(plan instanceof ReadPlan read)) {
            throw new IllegalArgumentException("the last read's plan is not a read");
        }
        int page = integer("page");
        int rowsBefore = integer("rowsBefore");
        int rowsShown = integer("rowsShown");
        Optional<Keyset> position = optionalObject("position") ? Optional.of(keyset()) : Optional.empty();
        boolean hasMore = bool("hasMore");
        end();
        return new LastRead(read, page, rowsBefore, rowsShown, position, hasMore);
    }

    private PendingMacro macro() throws IOException {
        String name = text("macro");
        object("arguments");
        Map<String, String> arguments = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            String argument = in.currentName();
            if (in.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("the macro argument '" + argument + "' is not text");
            }
            arguments.put(argument, in.getText());
        }
        String awaiting = text("awaiting");
        end();
        return new PendingMacro(name, arguments, awaiting);
    }

    private Plan plan() throws IOException {
        String entity = text("entity");
        String kind = text("kind");
        Plan plan = switch (kind) {
            case "create" -> new CreatePlan(entity, row("values"));
            case "update" -> new UpdatePlan(entity, row("changes"), conditions("filters"));
            case "read" -> readPlan(entity);
            default -> throw new IllegalArgumentException("unknown plan kind '" + kind + "'");
        };
        end();
        return plan;
    }

    private ReadPlan readPlan(String entity) throws IOException {
        List<String> fields = texts("fields");
        List<Condition> filters = conditions("filters");
        startList("orderBy");
        List<Sort> orderBy = new ArrayList<>();
        while (nextItem("orderBy")) {
            startItem("a sort");
            String field = text("field");
            boolean descending = bool("descending");
            end();
            orderBy.add(new Sort(field, descending));
        }
        field("limit");
        OptionalInt limit = in.nextToken() == JsonToken.VALUE_NULL ? OptionalInt.empty() : OptionalInt.of(integer());
        int offset = integer("offset");
        Optional<Aggregate> aggregate = optionalObject("aggregate") ? Optional.of(aggregate()) : Optional.empty();
        DeletedRows deleted = constant("deleted", DeletedRows.class);
        Optional<Keyset> after = optionalObject("after") ? Optional.of(keyset()) : Optional.empty();
        return new ReadPlan(entity, fields, filters, orderBy, limit, offset, aggregate, deleted, after);
    }

    private Aggregate aggregate() throws IOException {
        Aggregate.Fn fn = constant("fn", Aggregate.Fn.class);
        Optional<String> field = optionalText("field");
        List<String> groupBy = texts("groupBy");
        end();
        return new Aggregate(fn, field, groupBy);
    }

    private Keyset keyset() throws IOException {
        List<String> columns = texts("columns");
        startList("values");
        List<Object> values = new ArrayList<>();
        while (nextItem("values")) {
            values.add(value());
        }
        end();
        return new Keyset(columns, values);
    }

    private List<Condition> conditions(String field) throws IOException {
        startList(field);
        List<Condition> conditions = new ArrayList<>();
        while (nextItem(field)) {
            conditions.add(condition());
        }
        return conditions;
    }

    /** The condition whose first token was just read. */
    private Condition condition() throws IOException {
        startItem("a condition");
        return conditionFields();
    }

    /** A condition whose start was read already (the item of a {@code not}). */
    private Condition conditionFields() throws IOException {
        String kind = text("kind");
        Condition condition = switch (kind) {
            case "filter" -> {
                String field = text("field");
                Op op = constant("op", Op.class);
                field("value");
                in.nextToken();
                yield new Filter(field, op, value());
            }
            case "anyOf" -> new AnyOf(conditions("items"));
            case "not" -> {
                object("item");
                yield new Not(conditionFields());
            }
            case "related" -> new Related(text("field"), text("entity"), conditions("filters"));
            default -> throw new IllegalArgumentException("unknown condition kind '" + kind + "'");
        };
        end();
        return condition;
    }

    /** The field {@code name}: an object of values, as a field-to-value map in its order ({@code null}s kept). */
    private Map<String, Object> row(String name) throws IOException {
        field(name);
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
        String type = text("type");
        String text = text("value");
        Object value;
        if (ValueJson.TRUNCATED.equals(type)) {
            value = new TruncatedText(text, whole("length"));
        } else {
            value = ValueJson.parseTagged(type, text);
        }
        end();
        return value;
    }

    private List<String> texts(String field) throws IOException {
        startList(field);
        List<String> texts = new ArrayList<>();
        while (nextItem(field)) {
            if (in.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("'" + field + "' holds something other than text");
            }
            texts.add(in.getText());
        }
        return texts;
    }

    /** Reads the name of the next field, which must be {@code name}. */
    private void field(String name) throws IOException {
        JsonToken token = in.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        String found = in.currentName();
        if (!name.equals(found)) {
            throw new IllegalArgumentException("'" + name + "' is missing (found '" + found + "' in its place)");
        }
    }

    /** Reads the end of the current object: no field may follow. */
    private void end() throws IOException {
        JsonToken token = in.nextToken();
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException(
                    token == JsonToken.FIELD_NAME
                            ? "an unexpected field '" + in.currentName() + "'"
                            : "an object does not end where it should");
        }
    }

    private void object(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
    }

    /** Whether the field is an object (its start read) rather than {@code null}. */
    private boolean optionalObject(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'" + field + "' is not an object");
        }
        return true;
    }

    private void startList(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("'" + field + "' is not a list");
        }
    }

    /** Reads the first token of the list's next item; false at the list's end. */
    private boolean nextItem(String field) throws IOException {
        JsonToken token = in.nextToken();
        if (token == null) {
            throw new IllegalArgumentException("'" + field + "' does not end");
        }
        return token != JsonToken.END_ARRAY;
    }

    private void startItem(String what) {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(what + " is not an object");
        }
    }

    private String text(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return in.getText();
    }

    private Optional<String> optionalText(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return Optional.of(in.getText());
    }

    private Instant instant(String field) throws IOException {
        return InstantText.parse(text(field));
    }

    private long whole(String field) throws IOException {
        field(field);
        if (in.nextToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException("'" + field + "' is not a whole number");
        }
        return in.getLongValue();
    }

    private int integer(String field) throws IOException {
        long value = whole(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + field + "' is out of range");
        }
        return (int) value;
    }

    /** The whole number just read (the limit of a read plan). */
    private int integer() throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException("'limit' is not a whole number");
        }
        return in.getIntValue();
    }

    private boolean bool(String field) throws IOException {
        field(field);
        JsonToken token = in.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException("'" + field + "' is not true or false");
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private <T extends Enum<T>> T constant(String field, Class<T> type) throws IOException {
        String name = text(field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not a " + type.getSimpleName() + ": " + name, e);
        }
    }
}
