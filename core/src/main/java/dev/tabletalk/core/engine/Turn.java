package dev.tabletalk.core.engine;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The facts of one turn, gathered while it runs, for its single audit event. Not thread-safe: one per turn. */
final class Turn {

    private final Instant startedAt;
    private final long startedNanos;
    private final String sessionId;
    private final UserContext user;
    private final String message;
    private AuditEvent.Action action = AuditEvent.Action.NONE;
    private Optional<Intent> intent = Optional.empty();
    private Optional<String> entity = Optional.empty();
    private Map<String, Object> fields = Map.of();
    private List<Condition> filters = List.of();
    private Optional<Plan> plan = Optional.empty();
    private AuditEvent.Outcome outcome = AuditEvent.Outcome.OK;
    private Optional<RefusalCode> refusalCode = Optional.empty();
    private int rowCount;
    private Optional<String> errorMessage = Optional.empty();
    private Optional<String> errorStack = Optional.empty();
    private Optional<PlannerTrace> planner = Optional.empty();

    Turn(Instant startedAt, String sessionId, UserContext user, String message) {
        this.startedAt = startedAt;
        this.startedNanos = System.nanoTime();
        this.sessionId = sessionId;
        this.user = user;
        this.message = message;
    }

    Turn action(AuditEvent.Action value) {
        this.action = value;
        return this;
    }

    Turn target(Intent value, String entityReference) {
        this.intent = Optional.of(value);
        this.entity = Optional.ofNullable(entityReference);
        return this;
    }

    Turn extracted(Map<String, Object> extractedFields, List<Condition> extractedFilters) {
        this.fields = extractedFields;
        this.filters = extractedFilters;
        return this;
    }

    Turn plan(Plan value) {
        this.plan = Optional.of(value);
        this.intent = Optional.of(value.intent());
        this.entity = Optional.of(value.entity());
        return this;
    }

    Turn planner(PlannerTrace trace) {
        this.planner = Optional.of(trace);
        return this;
    }

    Turn refused(RefusalCode code) {
        this.outcome = AuditEvent.Outcome.REFUSED;
        this.refusalCode = Optional.of(code);
        return this;
    }

    /** The write is approved by the commit gate and its commit follows (the gate's entry). */
    Turn pending() {
        this.outcome = AuditEvent.Outcome.PENDING;
        return this;
    }

    /** The write committed (the resolution of a pending entry). */
    Turn committed() {
        this.outcome = AuditEvent.Outcome.OK;
        this.refusalCode = Optional.empty();
        return this;
    }

    /** The commit's answer was lost; {@code finding} is what a follow-up check found. */
    Turn unknown(String finding) {
        this.outcome = AuditEvent.Outcome.UNKNOWN;
        this.refusalCode = Optional.of(RefusalCode.OUTCOME_UNKNOWN);
        this.errorMessage = Optional.of("commit outcome unknown: the connection was lost after the commit was sent;"
                + " follow-up check: " + finding);
        return this;
    }

    Turn rows(int count) {
        this.rowCount = count;
        return this;
    }

    /**
     * The turn failed; the audit record's error message starts with {@code [error <errorId>]}, the id the
     * reply shows, so that {@code audit show <errorId>} finds the turn.
     */
    Turn failed(Throwable error, String errorId) {
        this.outcome = AuditEvent.Outcome.ERROR;
        this.errorMessage = Optional.of(
                AuditEvent.errorIdTag(errorId) + " " + error.getClass().getSimpleName() + ": " + error.getMessage());
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        this.errorStack = Optional.of(stack.toString());
        return this;
    }

    /** The refusal code a failed turn answered with (its outcome stays an error). */
    Turn refusalCode(RefusalCode code) {
        this.refusalCode = Optional.of(code);
        return this;
    }

    boolean isRefused() {
        return outcome == AuditEvent.Outcome.REFUSED;
    }

    AuditEvent event(String recordedMessage) {
        return new AuditEvent(
                startedAt,
                sessionId,
                user,
                recordedMessage,
                action,
                intent,
                entity,
                fields,
                filters,
                plan,
                outcome,
                refusalCode,
                rowCount,
                Duration.ofNanos(System.nanoTime() - startedNanos),
                errorMessage,
                errorStack,
                planner);
    }

    UserContext user() {
        return user;
    }

    String message() {
        return message;
    }

    String sessionId() {
        return sessionId;
    }
}
