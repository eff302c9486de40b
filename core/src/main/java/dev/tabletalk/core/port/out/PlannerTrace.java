package dev.tabletalk.core.port.out;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which planner answered and what it cost, for the audit log.
 *
 * @param planner the planner's name ({@code rules}, {@code llm})
 * @param model the model that produced the answer, or the planner name when there is none
 * @param promptTokens prompt tokens used, summed over attempts, where known
 * @param completionTokens completion tokens used, summed over attempts, where known
 * @param attempts calls made (1 without retries)
 */
public record PlannerTrace(
        String planner, String model, OptionalLong promptTokens, OptionalLong completionTokens, int attempts) {

    public PlannerTrace {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptTokens, "promptTokens");
        Objects.requireNonNull(completionTokens, "completionTokens");
    }

    /** A trace for a planner that calls no model. */
    public static PlannerTrace offline(String planner) {
        return new PlannerTrace(planner, planner, OptionalLong.empty(), OptionalLong.empty(), 1);
    }
}
