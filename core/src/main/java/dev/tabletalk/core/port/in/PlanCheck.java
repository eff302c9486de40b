package dev.tabletalk.core.port.in;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.reply.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a message would do, checked but not run ({@link PlanChecks#checkPlan}). When valid, names
 * are the catalog's and values are coerced to the column types; when refused, the planner's
 * reading is kept as it was, next to the refusal.
 *
 * @param message the message, verbatim
 * @param intent read, create, update or unknown
 * @param entity the entity reference, if one was named
 * @param fields values to set (create, update)
 * @param filters conditions (read, update)
 * @param limit the rows a read asked for, if said
 * @param refusal why it would be refused, if it would
 */
public record PlanCheck(
        String message,
        Intent intent,
        Optional<String> entity,
        Map<String, Object> fields,
        List<Filter> filters,
        OptionalInt limit,
        Optional<Refusal> refusal) {

    public PlanCheck {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        fields = PlanValues.copyOf(fields);
        filters = List.copyOf(filters);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(refusal, "refusal");
    }

    /** Whether the plan would be refused. */
    public boolean isRefused() {
        return refusal.isPresent();
    }
}
