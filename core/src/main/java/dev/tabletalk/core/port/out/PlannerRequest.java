package dev.tabletalk.core.port.out;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Days;
import dev.tabletalk.core.plan.Intent;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a planner is given: the person's message, where the conversation stands (names
 * only, never values) and the schema view. No row data is reachable from here (invariant 8).
 *
 * @param message the person's message, verbatim; it is data, never instructions
 * @param stage the conversation's stage
 * @param draftIntent the intent of the draft in progress, if any
 * @param draftEntity the entity reference of the draft in progress, if any
 * @param awaitingField the field the engine just asked for, if any
 * @param draftFields the names of the fields the draft already has
 * @param schema the exposed schema
 * @param today the date relative dates ("today", "last 7 days", "this month") are resolved against: the
 *     engine's injected clock read in the plan language's zone ({@link Days#ZONE}), so a plan always holds
 *     concrete dates a person can check and tests can fix the day
 */
public record PlannerRequest(
        String message,
        Stage stage,
        Optional<Intent> draftIntent,
        Optional<String> draftEntity,
        Optional<String> awaitingField,
        List<String> draftFields,
        SchemaView schema,
        LocalDate today) {

    public PlannerRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(draftIntent, "draftIntent");
        Objects.requireNonNull(draftEntity, "draftEntity");
        Objects.requireNonNull(awaitingField, "awaitingField");
        draftFields = List.copyOf(draftFields);
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(today, "today");
    }

    /** A request whose "today" is the system clock's date in {@link Days#ZONE} (callers without an injected clock). */
    public PlannerRequest(
            String message,
            Stage stage,
            Optional<Intent> draftIntent,
            Optional<String> draftEntity,
            Optional<String> awaitingField,
            List<String> draftFields,
            SchemaView schema) {
        this(message, stage, draftIntent, draftEntity, awaitingField, draftFields, schema, LocalDate.now(Days.ZONE));
    }

    /** The same request about another message (a planner re-reading part of a message keeps the same day). */
    public PlannerRequest withMessage(String other) {
        return new PlannerRequest(other, stage, draftIntent, draftEntity, awaitingField, draftFields, schema, today);
    }

    /** A request with no conversation in progress. */
    public static PlannerRequest standalone(String message, SchemaView schema) {
        return standalone(message, schema, LocalDate.now(Days.ZONE));
    }

    /** A request with no conversation in progress, on a given day. */
    public static PlannerRequest standalone(String message, SchemaView schema, LocalDate today) {
        return new PlannerRequest(
                message, Stage.IDLE, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), schema, today);
    }
}
