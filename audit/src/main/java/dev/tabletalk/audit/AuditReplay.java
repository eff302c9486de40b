package dev.tabletalk.audit;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Feeds a recorded session's messages through a planner again and reports, turn by turn, where the
 * new reading differs from the recorded one. Nothing is validated or executed: only the planner
 * runs. This is how a planner change is regression-tested against real traffic.
 *
 * <p>What is compared is the planner's reading as the audit log keeps it: intent, entity, fields
 * and filters, in canonical JSON (filters in canonical order, since they are combined with AND).
 * Each message is planned on its own ({@link PlannerRequest#standalone}), because the log does not
 * keep the conversation stage a message was planned in; turns that answered a question mid-draft
 * may therefore differ without the planner having changed. Obtained from
 * {@link JdbcAuditLog#replay()}. Thread-safe if the planner is.
 */
public final class AuditReplay {

    private final AuditQueries queries;

    AuditReplay(AuditQueries queries) {
        this.queries = queries;
    }

    /**
     * Replays one session.
     *
     * @param sessionId the session to replay; an unknown session gives an empty report
     * @param planner the planner to test
     * @param schema the schema view to plan against (the one the session ran on, as far as it is known)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the audit store cannot be read
     */
    public ReplayReport replay(String sessionId, Planner planner, SchemaView schema) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(schema, "schema");
        List<ReplayedTurn> turns = new ArrayList<>();
        for (AuditRecord turn : queries.turns(sessionId)) {
            // a confirmed write's pending entry is the same turn as the entry that resolves it
            if (!"pending".equals(turn.outcome())) {
                turns.add(replay(turn, planner, schema));
            }
        }
        return new ReplayReport(sessionId, planner.name(), turns);
    }

    private static ReplayedTurn replay(AuditRecord turn, Planner planner, SchemaView schema) {
        // a macro's turn was read by the macro's name, not by a planner (#14): nothing to compare
        if (turn.planner().isEmpty() || turn.planner().get().equals(Macros.AUDIT_PLANNER)) {
            return new ReplayedTurn(
                    turn.sequence(),
                    turn.message(),
                    ReplayedTurn.Verdict.SKIPPED,
                    Optional.empty(),
                    Optional.empty(),
                    List.of());
        }
        Map<String, Object> recorded = reading(turn.intent(), turn.entity(), turn.fields(), turn.filters());
        String recordedJson = CanonicalJson.object(recorded);
        PlannerOutput output;
        try {
            output = planner.plan(PlannerRequest.standalone(turn.message(), schema));
        } catch (RuntimeException e) {
            return new ReplayedTurn(
                    turn.sequence(),
                    turn.message(),
                    ReplayedTurn.Verdict.FAILED,
                    Optional.of(recordedJson),
                    Optional.empty(),
                    List.of("planner failed: " + e.getMessage()));
        }
        // as the engine records it: the intent is kept only together with the entity it names
        Optional<String> intent =
                output.entity().isPresent() ? Optional.of(output.intent().wireName()) : Optional.empty();
        Map<String, Object> replayed = reading(
                intent,
                output.entity().map(e -> EventCodec.bounded(e, EventCodec.ENTITY_LENGTH)),
                EventCodec.fields(output.fields()),
                EventCodec.filters(output.filters()));
        List<String> differences = new ArrayList<>();
        for (String part : recorded.keySet()) {
            String before = CanonicalJson.write(recorded.get(part));
            String after = CanonicalJson.write(replayed.get(part));
            if (!before.equals(after)) {
                differences.add(part + ": " + before + " -> " + after);
            }
        }
        return new ReplayedTurn(
                turn.sequence(),
                turn.message(),
                differences.isEmpty() ? ReplayedTurn.Verdict.SAME : ReplayedTurn.Verdict.DIFFERENT,
                Optional.of(recordedJson),
                Optional.of(CanonicalJson.object(replayed)),
                differences);
    }

    private static Map<String, Object> reading(
            Optional<String> intent, Optional<String> entity, String fields, String filters) {
        Map<String, Object> reading = new TreeMap<>();
        reading.put("intent", intent.orElse(null));
        reading.put("entity", entity.orElse(null));
        reading.put("fields", new CanonicalJson.Raw(fields));
        reading.put("filters", new CanonicalJson.Raw(filters));
        return reading;
    }
}
