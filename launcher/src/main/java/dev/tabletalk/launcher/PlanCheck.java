package dev.tabletalk.launcher;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a message would do, checked but not run ({@link TableTalk#checkPlan}). When valid, names
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
public record PlanCheck(String message, Intent intent, Optional<String> entity, Map<String, Object> fields,
        List<Filter> filters, OptionalInt limit, Optional<Refusal> refusal) {

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

    static PlanCheck of(String message, PlannerOutput output, Optional<Refusal> refusal) {
        return new PlanCheck(message, output.intent(), output.entity(), output.fields(), output.filters(),
                output.limit(), refusal);
    }

    static PlanCheck of(String message, Plan plan, OptionalInt limit) {
        Map<String, Object> fields;
        if (plan instanceof CreatePlan create) {
            fields = create.values();
        } else if (plan instanceof UpdatePlan update) {
            fields = update.changes();
        } else if (plan instanceof ReadPlan) {
            fields = Map.of();
        } else {
            throw new IllegalStateException("unhandled plan: " + plan.getClass().getName());
        }
        OptionalInt rows = plan instanceof ReadPlan read ? read.limit() : OptionalInt.empty();
        return new PlanCheck(message, plan.intent(), Optional.of(plan.entity()), fields, plan.filters(),
                rows.isPresent() ? rows : plan.intent() == Intent.READ ? limit : OptionalInt.empty(),
                Optional.empty());
    }
}
