package dev.tabletalk.core.port.out;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One turn, as the audit log records it. Holds no secrets: the user context carries no
 * tokens, and values of masked columns are masked before they get here.
 *
 * @param timestamp when the turn started
 * @param sessionId the conversation
 * @param user who asked (decoded identity, no credentials)
 * @param message the person's message as received (a store may redact credentials that appear in it, such
 *     as bearer tokens, before writing it)
 * @param action what the turn did
 * @param intent the detected intent, if any
 * @param entity the entity reference, if any
 * @param fields the extracted fields (values to set, or answers)
 * @param filters the extracted filters
 * @param plan the validated plan, if one was built
 * @param outcome ok, refused or error; for a write also pending (the commit gate's entry) or unknown
 * @param refusalCode the refusal's code when refused
 * @param rowCount rows returned (read) or affected (commit); 0 otherwise
 * @param latency how long the turn took until this event was written
 * @param errorMessage the error's message when the outcome is an error, starting with {@link #errorIdTag} (never
 *     shown to the person)
 * @param errorStack the error's stack trace (kept only here, never in a reply)
 * @param planner which planner answered, at what cost, if one was called
 */
public record AuditEvent(
        Instant timestamp,
        String sessionId,
        UserContext user,
        String message,
        Action action,
        Optional<Intent> intent,
        Optional<String> entity,
        Map<String, Object> fields,
        List<Condition> filters,
        Optional<Plan> plan,
        Outcome outcome,
        Optional<RefusalCode> refusalCode,
        int rowCount,
        Duration latency,
        Optional<String> errorMessage,
        Optional<String> errorStack,
        Optional<PlannerTrace> planner) {

    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        fields = PlanValues.copyOf(fields);
        filters = List.copyOf(filters);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(refusalCode, "refusalCode");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(errorStack, "errorStack");
        Objects.requireNonNull(planner, "planner");
        if (outcome == Outcome.REFUSED && refusalCode.isEmpty()) {
            throw new IllegalArgumentException("a refused turn needs its refusal code");
        }
    }

    /**
     * A record of something that ran no plan (an operator's act, a turn that ended before planning): no intent,
     * entity, fields, conditions, plan, rows, error or planner trace.
     *
     * @throws IllegalArgumentException when {@code outcome} is {@link Outcome#REFUSED} without a refusal code
     */
    public static AuditEvent withoutPlan(
            Instant timestamp,
            String sessionId,
            UserContext user,
            String message,
            Action action,
            Outcome outcome,
            Optional<RefusalCode> refusalCode,
            Duration latency) {
        return new AuditEvent(
                timestamp,
                sessionId,
                user,
                message,
                action,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                outcome,
                refusalCode,
                0,
                latency,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * How an error message names the error id that the reply showed: {@code [error 1a2b3c4d5e6f]}, at the
     * start of {@link #errorMessage()}, so that {@code audit show <error id>} finds the turn.
     */
    public static String errorIdTag(String errorId) {
        return "[error " + Objects.requireNonNull(errorId, "errorId") + "]";
    }

    /** Whether this turn wrote, or tried to write, to the target database. */
    public boolean isWrite() {
        return action == Action.COMMIT;
    }

    /**
     * How a turn ended.
     *
     * <p>A confirmed write is recorded twice: the commit gate appends the turn as {@link #PENDING} inside
     * the write transaction ("approved, commit follows"), and once the target database answered the
     * engine appends the same turn again (same session and timestamp, action commit) with its
     * resolution: {@link #OK} (committed), {@link #REFUSED} or {@link #ERROR} (not committed) or
     * {@link #UNKNOWN}. A pending entry that no later entry resolves is an unresolved write.
     */
    public enum Outcome {
        OK,
        REFUSED,
        ERROR,
        /** Approved by the commit gate; the commit follows and a later entry of the same turn resolves it. */
        PENDING,
        /** The commit was sent but its answer was lost; the entry says what a follow-up check found. */
        UNKNOWN
    }

    /** What a turn did. */
    public enum Action {
        /** Read rows. */
        READ,
        /** Collected draft fields and asked for the next one. */
        COLLECT,
        /** Showed a create or update preview. */
        PREVIEW,
        /** Applied a confirmed preview. */
        COMMIT,
        /** Asked a clarifying question with numbered choices instead of running a plan (#13). */
        CLARIFY,
        /** A universal command other than confirm: cancel, start over, show draft. */
        COMMAND,
        /** Nothing to run: not understood, refused before planning, or a planner refusal. */
        NONE,
        /** The caller could not be authenticated (recorded by an inbound adapter). */
        AUTH_FAILED
    }
}
