package dev.tabletalk.sessionjdbc;

import static dev.tabletalk.sessionjdbc.JsonFields.bool;
import static dev.tabletalk.sessionjdbc.JsonFields.constant;
import static dev.tabletalk.sessionjdbc.JsonFields.integer;
import static dev.tabletalk.sessionjdbc.JsonFields.list;
import static dev.tabletalk.sessionjdbc.JsonFields.object;
import static dev.tabletalk.sessionjdbc.JsonFields.optionalObject;
import static dev.tabletalk.sessionjdbc.JsonFields.optionalText;
import static dev.tabletalk.sessionjdbc.JsonFields.text;
import static dev.tabletalk.sessionjdbc.JsonFields.texts;
import static dev.tabletalk.sessionjdbc.JsonFields.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A {@link ConversationState}, with everything it holds, as JSON and back: the draft, the pending preview with its
 * snapshot (so that a preview made on one server is confirmed on another), the question and the plans of its
 * choices, the last read and its position, a macro waiting for an argument. Every sealed type is written with a
 * {@code kind}; a kind, constant or value type this code does not know is an error, never skipped.
 *
 * <p>The layout is {@link #FORMAT} 1. Change it only together with that number, so that a server reading a state
 * written by a newer one says so instead of half reading it. Stateless and thread-safe.
 */
final class StateJson {

    /** The layout of the JSON this class writes; stored beside each state. */
    static final int FORMAT = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateJson() {}

    /**
     * The state as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when it holds a value of a type that cannot be kept (see {@link ValueJson})
     */
    static String write(ConversationState state) {
        ObjectNode node = NODES.objectNode()
                .put("sessionId", state.sessionId())
                .put("ownerUserId", state.ownerUserId())
                .put("ownerTenant", state.ownerTenant().orElse(null))
                .put("stage", state.stage().name())
                .put("version", state.version())
                .put("updatedAt", state.updatedAt().toString())
                .put("expiredPreviewId", state.expiredPreviewId().orElse(null));
        node.set("draft", state.draft().map(StateJson::draft).orElse(null));
        node.set("pending", state.pending().map(StateJson::pending).orElse(null));
        node.set("question", state.question().map(StateJson::question).orElse(null));
        node.set("lastRead", state.lastRead().map(StateJson::lastRead).orElse(null));
        node.set("macro", state.macro().map(StateJson::macro).orElse(null));
        return new String(StrictJson.write(node), StandardCharsets.UTF_8);
    }

    /**
     * The state {@code json} holds.
     *
     * @throws IllegalArgumentException when it is not a whole state of {@link #FORMAT}, with what is wrong
     */
    static ConversationState read(String json) {
        JsonNode node;
        try {
            node = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new ConversationState(
                text(node, "sessionId"),
                text(node, "ownerUserId"),
                optionalText(node, "ownerTenant"),
                constant(node, "stage", Stage.class),
                optionalObject(node, "draft").map(StateJson::draft),
                optionalObject(node, "pending").map(StateJson::pending),
                whole(node, "version"),
                Instant.parse(text(node, "updatedAt")),
                optionalText(node, "expiredPreviewId"),
                optionalObject(node, "question").map(StateJson::question),
                optionalObject(node, "lastRead").map(StateJson::lastRead),
                optionalObject(node, "macro").map(StateJson::macro));
    }

    private static ObjectNode draft(Draft draft) {
        ObjectNode node =
                NODES.objectNode().put("intent", draft.intent().name()).put("entity", draft.entity());
        node.set("values", ValueJson.writeRow(draft.values()));
        node.set("filters", conditions(draft.filters()));
        return node.put("awaitingField", draft.awaitingField().orElse(null));
    }

    private static Draft draft(JsonNode node) {
        return new Draft(
                constant(node, "intent", Intent.class),
                text(node, "entity"),
                ValueJson.readRow(node.get("values")),
                list(node, "filters", StateJson::condition),
                optionalText(node, "awaitingField"));
    }

    private static ObjectNode pending(PendingPreview pending) {
        ObjectNode node = NODES.objectNode().put("id", pending.id());
        node.set("preview", preview(pending.preview()));
        node.set("snapshot", snapshot(pending.snapshot()));
        return node.put("expiresAt", pending.expiresAt().toString());
    }

    private static PendingPreview pending(JsonNode node) {
        return new PendingPreview(
                text(node, "id"),
                preview(object(node, "preview")),
                snapshot(object(node, "snapshot")),
                Instant.parse(text(node, "expiresAt")));
    }

    private static ObjectNode preview(Preview preview) {
        ObjectNode node =
                NODES.objectNode().put("intent", preview.intent().name()).put("entity", preview.entity());
        ArrayNode changes = node.putArray("changes");
        for (RowChange change : preview.changes()) {
            ObjectNode item = changes.addObject();
            item.set(
                    "key",
                    change.key().map(key -> ValueJson.writeRow(key.values())).orElse(null));
            item.set("before", ValueJson.writeRow(change.before()));
            item.set("after", ValueJson.writeRow(change.after()));
        }
        node.set("changedColumns", strings(preview.changedColumns()));
        return node;
    }

    private static Preview preview(JsonNode node) {
        return new Preview(
                constant(node, "intent", Intent.class),
                text(node, "entity"),
                list(
                        node,
                        "changes",
                        change -> new RowChange(
                                optionalObject(change, "key").map(key -> new RowKey(ValueJson.readRow(key))),
                                ValueJson.readRow(change.get("before")),
                                ValueJson.readRow(change.get("after")))),
                texts(node, "changedColumns"));
    }

    private static ObjectNode snapshot(PreviewSnapshot snapshot) {
        ObjectNode node = NODES.objectNode();
        node.set("plan", plan(snapshot.plan()));
        ArrayNode keys = node.putArray("keys");
        snapshot.keys().forEach(key -> keys.add(ValueJson.writeRow(key.values())));
        return node.put("valuesHash", snapshot.valuesHash());
    }

    private static PreviewSnapshot snapshot(JsonNode node) {
        return new PreviewSnapshot(
                plan(object(node, "plan")),
                list(node, "keys", key -> new RowKey(ValueJson.readRow(key))),
                text(node, "valuesHash"));
    }

    private static ObjectNode question(Question question) {
        ObjectNode node = NODES.objectNode().put("text", question.text());
        ArrayNode choices = node.putArray("choices");
        for (Question.Choice choice : question.choices()) {
            choices.addObject()
                    .put("label", choice.label())
                    .put("value", choice.value())
                    .set("plan", plan(choice.plan()));
        }
        return node;
    }

    private static Question question(JsonNode node) {
        return new Question(
                text(node, "text"),
                list(
                        node,
                        "choices",
                        choice -> new Question.Choice(
                                text(choice, "label"), text(choice, "value"), plan(object(choice, "plan")))));
    }

    private static ObjectNode lastRead(LastRead read) {
        ObjectNode node = NODES.objectNode();
        node.set("plan", plan(read.plan()));
        node.put("page", read.page()).put("rowsBefore", read.rowsBefore()).put("rowsShown", read.rowsShown());
        node.set("position", read.position().map(StateJson::keyset).orElse(null));
        return node.put("hasMore", read.hasMore());
    }

    private static LastRead lastRead(JsonNode node) {
        Plan plan = plan(object(node, "plan"));
        if (!(plan instanceof ReadPlan read)) {
            throw new IllegalArgumentException("the last read's plan is not a read");
        }
        return new LastRead(
                read,
                integer(node, "page"),
                integer(node, "rowsBefore"),
                integer(node, "rowsShown"),
                optionalObject(node, "position").map(StateJson::keyset),
                bool(node, "hasMore"));
    }

    private static ObjectNode macro(PendingMacro macro) {
        ObjectNode node = NODES.objectNode().put("macro", macro.macro());
        ObjectNode arguments = node.putObject("arguments");
        macro.arguments().forEach(arguments::put);
        return node.put("awaiting", macro.awaiting());
    }

    private static PendingMacro macro(JsonNode node) {
        Map<String, String> arguments = new LinkedHashMap<>();
        object(node, "arguments").properties().forEach(argument -> {
            if (!argument.getValue().isTextual()) {
                throw new IllegalArgumentException("the macro argument '" + argument.getKey() + "' is not text");
            }
            arguments.put(argument.getKey(), argument.getValue().textValue());
        });
        return new PendingMacro(text(node, "macro"), arguments, text(node, "awaiting"));
    }

    private static ObjectNode plan(Plan plan) {
        ObjectNode node = NODES.objectNode().put("entity", plan.entity());
        if (plan instanceof CreatePlan create) {
            node.put("kind", "create").set("values", ValueJson.writeRow(create.values()));
        } else if (plan instanceof UpdatePlan update) {
            node.put("kind", "update").set("changes", ValueJson.writeRow(update.changes()));
            node.set("filters", conditions(update.filters()));
        } else if (plan instanceof ReadPlan read) {
            node.put("kind", "read").set("fields", strings(read.fields()));
            node.set("filters", conditions(read.filters()));
            ArrayNode orderBy = node.putArray("orderBy");
            read.orderBy()
                    .forEach(sort ->
                            orderBy.addObject().put("field", sort.field()).put("descending", sort.descending()));
            node.put("limit", read.limit().isPresent() ? read.limit().getAsInt() : null);
            node.put("offset", read.offset());
            node.set("aggregate", read.aggregate().map(StateJson::aggregate).orElse(null));
            node.put("deleted", read.deleted().name());
            node.set("after", read.after().map(StateJson::keyset).orElse(null));
        } else {
            throw new IllegalArgumentException(
                    "no JSON for the plan " + plan.getClass().getName());
        }
        return node;
    }

    private static Plan plan(JsonNode node) {
        String kind = text(node, "kind");
        String entity = text(node, "entity");
        return switch (kind) {
            case "create" -> new CreatePlan(entity, ValueJson.readRow(node.get("values")));
            case "update" ->
                new UpdatePlan(
                        entity, ValueJson.readRow(node.get("changes")), list(node, "filters", StateJson::condition));
            case "read" ->
                new ReadPlan(
                        entity,
                        texts(node, "fields"),
                        list(node, "filters", StateJson::condition),
                        list(node, "orderBy", sort -> new Sort(text(sort, "field"), bool(sort, "descending"))),
                        node.path("limit").isNull() ? OptionalInt.empty() : OptionalInt.of(integer(node, "limit")),
                        integer(node, "offset"),
                        optionalObject(node, "aggregate").map(StateJson::aggregate),
                        constant(node, "deleted", DeletedRows.class),
                        optionalObject(node, "after").map(StateJson::keyset));
            default -> throw new IllegalArgumentException("unknown plan kind '" + kind + "'");
        };
    }

    private static ObjectNode aggregate(Aggregate aggregate) {
        ObjectNode node = NODES.objectNode()
                .put("fn", aggregate.fn().name())
                .put("field", aggregate.field().orElse(null));
        node.set("groupBy", strings(aggregate.groupBy()));
        return node;
    }

    private static Aggregate aggregate(JsonNode node) {
        return new Aggregate(
                constant(node, "fn", Aggregate.Fn.class), optionalText(node, "field"), texts(node, "groupBy"));
    }

    private static ObjectNode keyset(Keyset keyset) {
        ObjectNode node = NODES.objectNode();
        node.set("columns", strings(keyset.columns()));
        node.set("values", ValueJson.write(keyset.values()));
        return node;
    }

    private static Keyset keyset(JsonNode node) {
        return new Keyset(texts(node, "columns"), list(node, "values", ValueJson::read));
    }

    private static ArrayNode conditions(List<Condition> conditions) {
        ArrayNode array = NODES.arrayNode();
        conditions.forEach(condition -> array.add(condition(condition)));
        return array;
    }

    private static ObjectNode condition(Condition condition) {
        if (condition instanceof Filter filter) {
            ObjectNode node = NODES.objectNode()
                    .put("kind", "filter")
                    .put("field", filter.field())
                    .put("op", filter.op().name());
            node.set("value", ValueJson.write(filter.value()));
            return node;
        }
        if (condition instanceof AnyOf anyOf) {
            ObjectNode node = NODES.objectNode().put("kind", "anyOf");
            node.set("items", conditions(anyOf.items()));
            return node;
        }
        if (condition instanceof Not not) {
            ObjectNode node = NODES.objectNode().put("kind", "not");
            node.set("item", condition(not.item()));
            return node;
        }
        if (condition instanceof Related related) {
            ObjectNode node = NODES.objectNode()
                    .put("kind", "related")
                    .put("field", related.field())
                    .put("entity", related.entity());
            node.set("filters", conditions(related.filters()));
            return node;
        }
        throw new IllegalArgumentException(
                "no JSON for the condition " + condition.getClass().getName());
    }

    private static Condition condition(JsonNode node) {
        String kind = text(node, "kind");
        Function<String, List<Condition>> nested = field -> list(node, field, StateJson::condition);
        return switch (kind) {
            case "filter" ->
                new Filter(text(node, "field"), constant(node, "op", Op.class), ValueJson.read(node.get("value")));
            case "anyOf" -> new AnyOf(nested.apply("items"));
            case "not" -> new Not(condition(object(node, "item")));
            case "related" -> new Related(text(node, "field"), text(node, "entity"), nested.apply("filters"));
            default -> throw new IllegalArgumentException("unknown condition kind '" + kind + "'");
        };
    }

    private static ArrayNode strings(List<String> texts) {
        ArrayNode array = NODES.arrayNode();
        texts.forEach(array::add);
        return array;
    }
}
