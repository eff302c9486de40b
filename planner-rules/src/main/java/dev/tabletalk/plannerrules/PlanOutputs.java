package dev.tabletalk.plannerrules;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The planner output of the parts read from one message: one place, for a plan and for each choice of a question. */
final class PlanOutputs {

    private PlanOutputs() {}

    /** The output of {@code plan} with these conditions and this ordering. */
    static PlannerOutput of(PlanParts plan, List<Condition> where, List<Sort> orderBy, PlannerTrace trace) {
        String entity = plan.target.name();
        return switch (plan.intent) {
            case READ ->
                new PlannerOutput(
                                Intent.READ,
                                Optional.of(entity),
                                Map.of(),
                                where,
                                orderBy,
                                plan.limit == null ? OptionalInt.empty() : OptionalInt.of(plan.limit),
                                Optional.empty(),
                                trace)
                        .withRead(plan.select, 0, Optional.ofNullable(plan.aggregate));
            case CREATE -> PlannerOutput.create(entity, plan.fields, trace);
            case UPDATE -> PlannerOutput.update(entity, plan.fields, where, trace);
            default -> PlannerOutput.unknown(trace);
        };
    }
}
