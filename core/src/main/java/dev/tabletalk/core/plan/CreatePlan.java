package dev.tabletalk.core.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Insert one row.
 *
 * @param entity the entity's catalog reference
 * @param values column to value, in the order given; a {@code null} value means SQL NULL
 */
public record CreatePlan(String entity, Map<String, Object> values) implements Plan {

    public CreatePlan {
        Objects.requireNonNull(entity, "entity");
        values = PlanValues.copyOf(values);
    }

    @Override
    public Intent intent() {
        return Intent.CREATE;
    }

    @Override
    public List<Condition> filters() {
        return List.of();
    }

    public CreatePlan withValues(Map<String, Object> newValues) {
        return new CreatePlan(entity, newValues);
    }
}
