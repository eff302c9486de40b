package dev.tabletalk.sessionjdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Not;
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
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link ConversationState} as the JSON of {@link StateJson} (format 1, or {@link StateJson#FORMAT} 2 with the preview a confirm took) straight to text,
 * field by field, without building a tree first: a turn of a conversation on the JDBC session store saves its state
 * once, and this is most of what that costs in the server (#17). The layout is exactly the one {@link StateJson}
 * reads; {@code StateJsonTest} reads back everything this writes. Stateless and thread-safe.
 */
final class StateJsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private StateJsonWriter() {}

    /**
     * The state as JSON text.
     *
     * @throws IllegalArgumentException when it holds a value of a type that cannot be kept (see {@link ValueJson})
     */
    static String write(ConversationState state) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("sessionId", state.sessionId());
            json.writeStringField("ownerUserId", state.ownerUserId());
            optionalText(json, "ownerTenant", state.ownerTenant());
            json.writeStringField("stage", state.stage().name());
            json.writeNumberField("version", state.version());
            json.writeStringField("updatedAt", InstantText.format(state.updatedAt()));
            optionalText(json, "expiredPreviewId", state.expiredPreviewId());
            json.writeFieldName("draft");
            if (state.draft().isPresent()) {
                draft(json, state.draft().get());
            } else {
                json.writeNull();
            }
            json.writeFieldName("pending");
            if (state.pending().isPresent()) {
                pending(json, state.pending().get());
            } else {
                json.writeNull();
            }
            json.writeFieldName("question");
            if (state.question().isPresent()) {
                question(json, state.question().get());
            } else {
                json.writeNull();
            }
            json.writeFieldName("lastRead");
            if (state.lastRead().isPresent()) {
                lastRead(json, state.lastRead().get());
            } else {
                json.writeNull();
            }
            json.writeFieldName("macro");
            if (state.macro().isPresent()) {
                macro(json, state.macro().get());
            } else {
                json.writeNull();
            }
            if (state.confirmed().isPresent()) {
                // format 2 only: a state without it stays readable by format 1's readers
                ConfirmedPreview confirmed = state.confirmed().get();
                json.writeObjectFieldStart("confirmed");
                json.writeStringField("id", confirmed.id());
                json.writeFieldName("snapshot");
                snapshot(json, confirmed.snapshot());
                json.writeStringField("confirmedAt", InstantText.format(confirmed.confirmedAt()));
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    private static void draft(JsonGenerator json, Draft draft) throws IOException {
        json.writeStartObject();
        json.writeStringField("intent", draft.intent().name());
        json.writeStringField("entity", draft.entity());
        json.writeFieldName("values");
        row(json, draft.values());
        json.writeFieldName("filters");
        conditions(json, draft.filters());
        optionalText(json, "awaitingField", draft.awaitingField());
        json.writeEndObject();
    }

    private static void pending(JsonGenerator json, PendingPreview pending) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", pending.id());
        json.writeFieldName("preview");
        preview(json, pending.preview());
        json.writeFieldName("snapshot");
        snapshot(json, pending.snapshot());
        json.writeStringField("expiresAt", InstantText.format(pending.expiresAt()));
        json.writeEndObject();
    }

    private static void preview(JsonGenerator json, Preview preview) throws IOException {
        json.writeStartObject();
        json.writeStringField("intent", preview.intent().name());
        json.writeStringField("entity", preview.entity());
        json.writeArrayFieldStart("changes");
        for (RowChange change : preview.changes()) {
            json.writeStartObject();
            json.writeFieldName("key");
            if (change.key().isPresent()) {
                row(json, change.key().get().values());
            } else {
                json.writeNull();
            }
            json.writeFieldName("before");
            row(json, change.before());
            json.writeFieldName("after");
            row(json, change.after());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("changedColumns");
        strings(json, preview.changedColumns());
        json.writeEndObject();
    }

    private static void snapshot(JsonGenerator json, PreviewSnapshot snapshot) throws IOException {
        json.writeStartObject();
        json.writeFieldName("plan");
        plan(json, snapshot.plan());
        json.writeArrayFieldStart("keys");
        for (RowKey key : snapshot.keys()) {
            row(json, key.values());
        }
        json.writeEndArray();
        json.writeStringField("valuesHash", snapshot.valuesHash());
        json.writeEndObject();
    }

    private static void question(JsonGenerator json, Question question) throws IOException {
        json.writeStartObject();
        json.writeStringField("text", question.text());
        json.writeArrayFieldStart("choices");
        for (Question.Choice choice : question.choices()) {
            json.writeStartObject();
            json.writeStringField("label", choice.label());
            json.writeStringField("value", choice.value());
            json.writeFieldName("plan");
            plan(json, choice.plan());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void lastRead(JsonGenerator json, LastRead read) throws IOException {
        json.writeStartObject();
        json.writeFieldName("plan");
        plan(json, read.plan());
        json.writeNumberField("page", read.page());
        json.writeNumberField("rowsBefore", read.rowsBefore());
        json.writeNumberField("rowsShown", read.rowsShown());
        json.writeFieldName("position");
        if (read.position().isPresent()) {
            keyset(json, read.position().get());
        } else {
            json.writeNull();
        }
        json.writeBooleanField("hasMore", read.hasMore());
        json.writeEndObject();
    }

    private static void macro(JsonGenerator json, PendingMacro macro) throws IOException {
        json.writeStartObject();
        json.writeStringField("macro", macro.macro());
        json.writeObjectFieldStart("arguments");
        for (Map.Entry<String, String> argument : macro.arguments().entrySet()) {
            json.writeStringField(argument.getKey(), argument.getValue());
        }
        json.writeEndObject();
        json.writeStringField("awaiting", macro.awaiting());
        json.writeEndObject();
    }

    private static void plan(JsonGenerator json, Plan plan) throws IOException {
        json.writeStartObject();
        json.writeStringField("entity", plan.entity());
        if (plan instanceof CreatePlan create) {
            json.writeStringField("kind", "create");
            json.writeFieldName("values");
            row(json, create.values());
        } else if (plan instanceof UpdatePlan update) {
            json.writeStringField("kind", "update");
            json.writeFieldName("changes");
            row(json, update.changes());
            json.writeFieldName("filters");
            conditions(json, update.filters());
        } else if (plan instanceof ReadPlan read) {
            json.writeStringField("kind", "read");
            json.writeFieldName("fields");
            strings(json, read.fields());
            json.writeFieldName("filters");
            conditions(json, read.filters());
            json.writeArrayFieldStart("orderBy");
            for (Sort sort : read.orderBy()) {
                json.writeStartObject();
                json.writeStringField("field", sort.field());
                json.writeBooleanField("descending", sort.descending());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("limit");
            if (read.limit().isPresent()) {
                json.writeNumber(read.limit().getAsInt());
            } else {
                json.writeNull();
            }
            json.writeNumberField("offset", read.offset());
            json.writeFieldName("aggregate");
            if (read.aggregate().isPresent()) {
                aggregate(json, read.aggregate().get());
            } else {
                json.writeNull();
            }
            json.writeStringField("deleted", read.deleted().name());
            json.writeFieldName("after");
            if (read.after().isPresent()) {
                keyset(json, read.after().get());
            } else {
                json.writeNull();
            }
        } else {
            throw new IllegalArgumentException(
                    "no JSON for the plan " + plan.getClass().getName());
        }
        json.writeEndObject();
    }

    private static void aggregate(JsonGenerator json, Aggregate aggregate) throws IOException {
        json.writeStartObject();
        json.writeStringField("fn", aggregate.fn().name());
        optionalText(json, "field", aggregate.field());
        json.writeFieldName("groupBy");
        strings(json, aggregate.groupBy());
        json.writeEndObject();
    }

    private static void keyset(JsonGenerator json, Keyset keyset) throws IOException {
        json.writeStartObject();
        json.writeFieldName("columns");
        strings(json, keyset.columns());
        json.writeFieldName("values");
        value(json, keyset.values());
        json.writeEndObject();
    }

    private static void conditions(JsonGenerator json, List<Condition> conditions) throws IOException {
        json.writeStartArray();
        for (Condition condition : conditions) {
            condition(json, condition);
        }
        json.writeEndArray();
    }

    private static void condition(JsonGenerator json, Condition condition) throws IOException {
        json.writeStartObject();
        if (condition instanceof Filter filter) {
            json.writeStringField("kind", "filter");
            json.writeStringField("field", filter.field());
            json.writeStringField("op", filter.op().name());
            json.writeFieldName("value");
            value(json, filter.value());
        } else if (condition instanceof AnyOf anyOf) {
            json.writeStringField("kind", "anyOf");
            json.writeFieldName("items");
            conditions(json, anyOf.items());
        } else if (condition instanceof Not not) {
            json.writeStringField("kind", "not");
            json.writeFieldName("item");
            condition(json, not.item());
        } else if (condition instanceof Related related) {
            json.writeStringField("kind", "related");
            json.writeStringField("field", related.field());
            json.writeStringField("entity", related.entity());
            json.writeFieldName("filters");
            conditions(json, related.filters());
        } else {
            throw new IllegalArgumentException(
                    "no JSON for the condition " + condition.getClass().getName());
        }
        json.writeEndObject();
    }

    /** A field-to-value map as a JSON object, in the map's order. */
    private static void row(JsonGenerator json, Map<String, ?> row) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, ?> field : row.entrySet()) {
            json.writeFieldName(field.getKey());
            value(json, field.getValue());
        }
        json.writeEndObject();
    }

    /** A value as {@link ValueJson} describes it. */
    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof List<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof TruncatedText cut) {
            json.writeStartObject();
            json.writeStringField("type", ValueJson.TRUNCATED);
            json.writeStringField("value", cut.text());
            json.writeNumberField("length", cut.length());
            json.writeEndObject();
        } else {
            String tag =
                    ValueJson.tagOf(value).orElseThrow(() -> new IllegalArgumentException(ValueJson.cannotKeep(value)));
            json.writeStartObject();
            json.writeStringField("type", tag);
            json.writeStringField("value", ValueJson.textOf(value));
            json.writeEndObject();
        }
    }

    private static void strings(JsonGenerator json, List<String> texts) throws IOException {
        json.writeStartArray();
        for (String text : texts) {
            json.writeString(text);
        }
        json.writeEndArray();
    }

    private static void optionalText(JsonGenerator json, String field, Optional<String> text) throws IOException {
        if (text.isPresent()) {
            json.writeStringField(field, text.get());
        } else {
            json.writeNullField(field);
        }
    }
}
