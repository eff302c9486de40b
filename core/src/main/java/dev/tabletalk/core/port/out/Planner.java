package dev.tabletalk.core.port.out;

/**
 * Turns a message into a {@link PlannerOutput}: data only, never SQL, never a decision about
 * what runs. A planner sees the schema view and the message, never row data (invariant 8).
 *
 * <p>Implementations are thread-safe. {@link #plan} never returns null; "I don't know" is
 * {@link PlannerOutput#unknown}.
 */
public interface Planner {

    /**
     * Plans one message.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when a remote model cannot be reached
     *     after every configured fallback
     */
    PlannerOutput plan(PlannerRequest request);

    /** A short name for logs and the audit log, e.g. {@code rules} or {@code llm}. */
    String name();
}
