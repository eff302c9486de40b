package dev.tabletalk.core.port.out;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Intent;
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
 */
public record PlannerRequest(
        String message,
        Stage stage,
        Optional<Intent> draftIntent,
        Optional<String> draftEntity,
        Optional<String> awaitingField,
        List<String> draftFields,
        SchemaView schema) {

    public PlannerRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(draftIntent, "draftIntent");
        Objects.requireNonNull(draftEntity, "draftEntity");
        Objects.requireNonNull(awaitingField, "awaitingField");
        draftFields = List.copyOf(draftFields);
        Objects.requireNonNull(schema, "schema");
    }

    /** A request with no conversation in progress. */
    public static PlannerRequest standalone(String message, SchemaView schema) {
        return new PlannerRequest(
                message, Stage.IDLE, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), schema);
    }
}
