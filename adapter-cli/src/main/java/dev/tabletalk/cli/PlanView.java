package dev.tabletalk.cli;

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
 * A validated plan as {@code tabletalk plan} prints it: nothing of it has run.
 *
 * @param message the message, verbatim
 * @param intent read, create, update or unknown
 * @param entity the entity reference, if any
 * @param fields values to set
 * @param filters conditions
 * @param limit the rows a read asked for, if said
 * @param refusal why it would be refused, if it would
 */
public record PlanView(String message, Intent intent, Optional<String> entity, Map<String, Object> fields,
        List<Filter> filters, OptionalInt limit, Optional<Refusal> refusal) {

    public PlanView {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        fields = PlanValues.copyOf(fields);
        filters = List.copyOf(filters);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(refusal, "refusal");
    }
}
