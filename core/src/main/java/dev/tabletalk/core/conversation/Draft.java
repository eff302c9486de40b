package dev.tabletalk.core.conversation;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.PlanValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A write being put together over several turns.
 *
 * @param intent create or update
 * @param entity the entity reference
 * @param values validated values to set, in the order given
 * @param filters validated filters (update only)
 * @param awaitingField the field the engine asked for last, if any
 */
public record Draft(
        Intent intent,
        String entity,
        Map<String, Object> values,
        List<Condition> filters,
        Optional<String> awaitingField) {

    public Draft {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        values = PlanValues.copyOf(values);
        filters = List.copyOf(filters);
        Objects.requireNonNull(awaitingField, "awaitingField");
        if (!intent.isWrite()) {
            throw new IllegalArgumentException("a draft is a create or an update, not " + intent);
        }
    }

    public static Draft start(Intent intent, String entity) {
        return new Draft(intent, entity, Map.of(), List.of(), Optional.empty());
    }

    public Draft withValues(Map<String, Object> newValues) {
        return new Draft(intent, entity, newValues, filters, awaitingField);
    }

    public Draft withValue(String field, Object value) {
        return withValues(PlanValues.with(values, field, value));
    }

    public Draft withFilters(List<? extends Condition> newFilters) {
        return new Draft(intent, entity, values, List.copyOf(newFilters), awaitingField);
    }

    public Draft awaiting(Optional<String> field) {
        return new Draft(intent, entity, values, filters, field);
    }
}
