package dev.tabletalk.core.engine;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns a planner's output into plans, for the conversation ({@link PlannerStep}) and
 * for the check that runs nothing ({@link PlanChecker}) alike, so both validate the same plan.
 */
final class PlannedPlans {

    private PlannedPlans() {}

    /**
     * The planner output a plan stands for, as if the planner had returned it: a clarifying question's chosen
     * plan runs through the same steps (validation, preview for writes) as a planned one (#13).
     */
    static PlannerOutput output(Plan plan, PlannerTrace trace) {
        if (plan instanceof ReadPlan read) {
            return new PlannerOutput(
                    Intent.READ,
                    Optional.of(read.entity()),
                    Map.of(),
                    read.filters(),
                    read.orderBy(),
                    read.limit(),
                    Optional.empty(),
                    trace,
                    read.fields(),
                    read.offset(),
                    read.aggregate(),
                    read.deleted());
        }
        if (plan instanceof CreatePlan create) {
            return PlannerOutput.create(create.entity(), create.values(), trace);
        }
        if (plan instanceof UpdatePlan update) {
            return PlannerOutput.update(update.entity(), update.changes(), update.filters(), trace);
        }
        throw new IllegalStateException("unhandled plan: " + plan.getClass().getName());
    }
}
