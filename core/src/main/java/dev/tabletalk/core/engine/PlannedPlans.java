package dev.tabletalk.core.engine;

import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PlannerOutput;

/**
 * The one place that turns a planner's output into plans, for the conversation ({@link PlannerStep}) and
 * for the check that runs nothing ({@link PlanChecker}) alike, so both validate the same plan.
 */
final class PlannedPlans {

    private PlannedPlans() {}

    /**
     * The read the planner proposed on this entity: the columns it asked for (all readable ones when none), its
     * conditions, order, limit, offset, aggregate and which rows of a soft-deleting entity it counts.
     */
    static ReadPlan read(String entity, PlannerOutput output) {
        return new ReadPlan(
                entity,
                output.select(),
                output.filters(),
                output.orderBy(),
                output.limit(),
                output.offset(),
                output.aggregate(),
                output.deleted());
    }

    /** The update the planner proposed on this entity: its values and filters. */
    static UpdatePlan update(String entity, PlannerOutput output) {
        return new UpdatePlan(entity, output.fields(), output.filters());
    }
}
