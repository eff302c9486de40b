package dev.tabletalk.plannerllm;

import dev.tabletalk.core.error.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The settings of a {@link LangChain4jPlanner}. Build it with {@link LangChain4jPlanner#builder()}, or
 * directly and pass it to {@link LangChain4jPlanner#create(PlannerConfig)}.
 *
 * @param models the fallback chain, tried in order; keys and base URLs already resolved
 * @param timeout how long one model call may take before the next model is tried
 * @param maxRetries how often a model is asked again after an answer that fails validation (0 to 2)
 * @param tokenBudget the most prompt tokens one stage may send (schema shortlist included)
 * @param maxCandidates the most entities stage A lists when the whole schema does not fit the budget
 * @param strictJsonSchema whether OpenAI models get a strict JSON schema with the allowed entity names in stage A
 *     (instead of plain JSON mode); only for endpoints that support structured outputs
 */
public record PlannerConfig(
        List<ModelSpec> models,
        Duration timeout,
        int maxRetries,
        int tokenBudget,
        int maxCandidates,
        boolean strictJsonSchema) {

    /** The default time one model call may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The default number of retries after an invalid answer. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The default prompt budget per stage, in tokens. */
    public static final int DEFAULT_TOKEN_BUDGET = 2_500;
    /** The default number of shortlisted entities when the schema is large. */
    public static final int DEFAULT_MAX_CANDIDATES = 30;

    /**
     * Checks the settings.
     *
     * @throws ConfigurationException when a setting is out of range, with what to fix
     */
    public PlannerConfig {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        Objects.requireNonNull(timeout, "timeout");
        if (models.isEmpty()) {
            throw new ConfigurationException("The LLM planner needs at least one model, e.g. openai:gpt-4.1-mini.");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("The planner timeout must be positive; it is " + timeout + ".");
        }
        if (maxRetries < 0 || maxRetries > 2) {
            throw new ConfigurationException("The planner retries at most twice after an invalid answer; "
                    + "set maxRetries to 0, 1 or 2 (it is " + maxRetries + ").");
        }
        if (tokenBudget < 500) {
            throw new ConfigurationException(
                    "The planner token budget must be at least 500 tokens; it is " + tokenBudget + ".");
        }
        if (maxCandidates < 1) {
            throw new ConfigurationException(
                    "The planner must shortlist at least one entity; maxCandidates is " + maxCandidates + ".");
        }
    }

    @Override
    public String toString() {
        return "PlannerConfig[models="
                + models.stream().map(ModelSpec::toString).collect(Collectors.joining(", "))
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", tokenBudget=" + tokenBudget
                + ", maxCandidates=" + maxCandidates + ", strictJsonSchema=" + strictJsonSchema + "]";
    }
}
