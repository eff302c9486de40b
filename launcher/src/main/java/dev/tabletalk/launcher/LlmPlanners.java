package dev.tabletalk.launcher;

import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.plannerllm.LangChain4jPlanner;

/**
 * The only class that names planner-llm, so that the launcher loads without it: this class is
 * resolved only when an LLM planner is asked for.
 */
final class LlmPlanners {

    private LlmPlanners() {}

    static Planner create(String spec) {
        return LangChain4jPlanner.builder().models(spec).build();
    }
}
