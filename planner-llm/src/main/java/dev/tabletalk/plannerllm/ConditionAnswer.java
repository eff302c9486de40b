package dev.tabletalk.plannerllm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.tabletalk.core.plan.Condition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One condition as the model writes it, in the wire shape of {@code plan --json}: a filter
 * {@code {"field", "op", "value"}}, {@code {"anyOf": [conditions]}}, {@code {"not": condition}} or a relationship
 * filter {@code {"field": fk, "op": "in", "via": {"entity", "filters": [conditions]}}} (#13). Read strictly: any
 * other key, a via with a value, an op other than {@code in} or a missing or empty entity or filters, a missing
 * field or op, a wrong type, an empty {@code anyOf} or a tree more than {@value #MAX_DEPTH} levels deep fails the
 * whole answer, and the reason goes back to the model.
 */
@JsonDeserialize(using = ConditionAnswer.Reader.class)
sealed interface ConditionAnswer
        permits ConditionAnswer.FilterAnswer,
                ConditionAnswer.AnyOfAnswer,
                ConditionAnswer.NotAnswer,
                ConditionAnswer.ViaAnswer {

    /** The deepest tree accepted: the engine's own bound (a filter is 1, each anyOf or not around it adds 1). */
    int MAX_DEPTH = Condition.MAX_DEPTH;

    /** The most characters of a field name. */
    int MAX_NAME = 128;

    /** The most characters of an op. */
    int MAX_OP = 20;

    /** The leaves of this condition, depth first, those inside a relationship's filters included. */
    default List<FilterAnswer> leaves() {
        if (this instanceof FilterAnswer filter) {
            return List.of(filter);
        }
        List<FilterAnswer> leaves = new ArrayList<>();
        if (this instanceof AnyOfAnswer anyOf) {
            anyOf.items().forEach(item -> leaves.addAll(item.leaves()));
        } else if (this instanceof NotAnswer not) {
            leaves.addAll(not.item().leaves());
        } else if (this instanceof ViaAnswer via) {
            via.filters().forEach(item -> leaves.addAll(item.leaves()));
        }
        return leaves;
    }

    /** {@code field op value}; {@code value} as JSON gave it (Long, BigDecimal, String, Boolean, List, Map or null). */
    record FilterAnswer(String field, String op, Object value) implements ConditionAnswer {
        public FilterAnswer {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
        }
    }

    /** At least one of {@code items} holds. */
    record AnyOfAnswer(List<ConditionAnswer> items) implements ConditionAnswer {
        public AnyOfAnswer {
            items = List.copyOf(items);
        }
    }

    /** {@code item} does not hold. */
    record NotAnswer(ConditionAnswer item) implements ConditionAnswer {
        public NotAnswer {
            Objects.requireNonNull(item, "item");
        }
    }

    /** The foreign key {@code field} points at a row of {@code entity} where {@code filters} all hold. */
    record ViaAnswer(String field, String entity, List<ConditionAnswer> filters) implements ConditionAnswer {
        public ViaAnswer {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(entity, "entity");
            filters = List.copyOf(filters);
        }
    }

    /**
     * Builds a condition from JSON read as plain values (maps, lists, scalars).
     *
     * @throws IllegalArgumentException with the text for the model when the shape is wrong
     */
    static ConditionAnswer of(Object json) {
        return of(json, 1);
    }

    private static ConditionAnswer of(Object json, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("conditions nest at most " + MAX_DEPTH
                    + " levels deep (a filter inside anyOf, not or via counts 2)");
        }
        if (!(json instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("each condition is an object: {\"field\", \"op\", \"value\"}, "
                    + "{\"anyOf\": [conditions]}, {\"not\": condition} or {\"field\", \"op\": \"in\", \"via\"}");
        }
        if (object.containsKey("anyOf")) {
            only(object, "anyOf");
            if (!(object.get("anyOf") instanceof List<?> items) || items.isEmpty()) {
                throw new IllegalArgumentException("anyOf takes a non-empty JSON array of conditions");
            }
            List<ConditionAnswer> conditions = new ArrayList<>();
            for (Object item : items) {
                conditions.add(of(item, depth + 1));
            }
            return new AnyOfAnswer(conditions);
        }
        if (object.containsKey("not")) {
            only(object, "not");
            return new NotAnswer(of(object.get("not"), depth + 1));
        }
        if (object.containsKey("via")) {
            return via(object, depth);
        }
        for (Object key : object.keySet()) {
            if (!Set.of("field", "op", "value").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + clip(String.valueOf(key))
                        + "' in a condition; a filter has only field, op and value");
            }
        }
        return new FilterAnswer(
                text(object.get("field"), "field", MAX_NAME),
                text(object.get("op"), "op", MAX_OP),
                object.get("value"));
    }

    /** {@code {"field", "op": "in", "via": {"entity", "filters": [...]}}}: nothing more, nothing less. */
    private static ConditionAnswer via(Map<?, ?> object, int depth) {
        for (Object key : object.keySet()) {
            if (!Set.of("field", "op", "via").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + clip(String.valueOf(key))
                        + "' in a relationship filter; it has only field, op (\"in\") and via");
            }
        }
        String field = text(object.get("field"), "field", MAX_NAME);
        if (!"in".equals(text(object.get("op"), "op", MAX_OP).strip())) {
            throw new IllegalArgumentException("a relationship filter (via) takes op \"in\"");
        }
        if (!(object.get("via") instanceof Map<?, ?> via)) {
            throw new IllegalArgumentException("via is an object: {\"entity\": name, \"filters\": [conditions]}");
        }
        for (Object key : via.keySet()) {
            if (!Set.of("entity", "filters").contains(key)) {
                throw new IllegalArgumentException(
                        "unknown key '" + clip(String.valueOf(key)) + "' in via; it has only entity and filters");
            }
        }
        String entity = text(via.get("entity"), "entity", MAX_NAME);
        if (!(via.get("filters") instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException(
                    "via filters take a non-empty JSON array of conditions on " + clip(entity));
        }
        List<ConditionAnswer> conditions = new ArrayList<>();
        for (Object item : items) {
            conditions.add(of(item, depth + 1));
        }
        return new ViaAnswer(field, entity, conditions);
    }

    private static void only(Map<?, ?> object, String key) {
        if (object.size() != 1) {
            throw new IllegalArgumentException(
                    "a condition with " + key + " has no other key; put filters inside " + key);
        }
    }

    private static String text(Object value, String key, int max) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(
                    key + " is missing in a " + (key.equals("entity") ? "via" : "filter") + "; give it as a string");
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(key + " is too long in a " + (key.equals("entity") ? "via" : "filter"));
        }
        return text;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Jackson's reader for conditions: plain JSON values first (the mapper's number rules apply), then the shape. */
    final class Reader extends StdDeserializer<ConditionAnswer> {

        private static final long serialVersionUID = 1L;

        Reader() {
            super(ConditionAnswer.class);
        }

        @Override
        public ConditionAnswer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object json = context.readValue(parser, Object.class);
            try {
                return of(json);
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(ConditionAnswer.class, "%s", e.getMessage());
            }
        }
    }
}
