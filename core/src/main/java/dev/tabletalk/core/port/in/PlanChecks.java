package dev.tabletalk.core.port.in;

import dev.tabletalk.core.user.UserContext;

/**
 * Checks what a message would do without running anything ({@code tabletalk plan}): the planner reads it,
 * the plan is validated for the caller against the catalog and the policy, and nothing reaches the
 * executor. Thread-safe.
 */
public interface PlanChecks {

    /**
     * Plans one message and validates the plan for this caller, executing nothing: what a turn would try,
     * or why it would be refused. Missing required fields of a create are not a problem here (a
     * conversation asks for them).
     *
     * @return the checked plan, never null; a refusal is part of it, never an exception
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or a remote planner is down
     */
    PlanCheck checkPlan(String message, UserContext user);
}
