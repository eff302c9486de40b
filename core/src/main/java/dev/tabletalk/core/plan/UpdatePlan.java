package dev.tabletalk.core.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Change some columns of the rows that match every condition.
 *
 * @param entity the entity's catalog reference
 * @param changes column to new value; a {@code null} value means SQL NULL
 * @param filters conditions (filters, {@code anyOf}, {@code not}), combined with AND; at least one is
 *     required (invariant 5)
 */
public record UpdatePlan(String entity, Map<String, Object> changes, List<Condition> filters) implements Plan {

    public UpdatePlan {
        Objects.requireNonNull(entity, "entity");
        changes = PlanValues.copyOf(changes);
        filters = List.copyOf(filters);
    }

    @Override
    public Intent intent() {
        return Intent.UPDATE;
    }

    public UpdatePlan withChanges(Map<String, Object> newChanges) {
        return new UpdatePlan(entity, newChanges, filters);
    }
}
