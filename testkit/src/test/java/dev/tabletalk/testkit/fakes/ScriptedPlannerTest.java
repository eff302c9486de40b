package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.testkit.contract.PlannerContract;

/** A scripted planner with no script answers "unknown" to everything, which the contract allows. */
class ScriptedPlannerTest extends PlannerContract {

    @Override
    protected Planner planner() {
        return new ScriptedPlanner();
    }
}
