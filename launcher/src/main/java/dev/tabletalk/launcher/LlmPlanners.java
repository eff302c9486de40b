package dev.tabletalk.launcher;

import dev.tabletalk.config.TableTalkConfig;
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

    /** The fallback chain of {@code tabletalk.yaml}'s {@code planner} section. */
    static Planner create(TableTalkConfig.Planner settings) {
        LangChain4jPlanner.Builder builder = LangChain4jPlanner.builder()
                .models(settings.models())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .tokenBudget(settings.tokenBudget())
                .maxCandidates(settings.maxCandidates())
                .strictJsonSchema(settings.strictJsonSchema());
        settings.baseUrl().ifPresent(builder::baseUrl);
        settings.apiKey().ifPresent(builder::apiKey);
        return builder.build();
    }
}
