package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "delete customer 2" on an entity with a soft-delete marker (#13): an update of the marker to the engine clock's
 * time, previewed and confirmed like any update; reads then leave the row out and say so; "restore" reverses it.
 */
class SoftDeleteConversationTest {

    private static final String SESSION = "s-soft";

    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00.750Z");
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private InMemoryExecutor executor;
    private ConversationEngine engine;

    private static EntityCatalog catalog() {
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : Catalogs.shop().entities()) {
            if (entity.name().equals("customers")) {
                List<Column> columns = new ArrayList<>(entity.columns());
                columns.add(Column.builder("deleted_at", ValueType.TIMESTAMP).build());
                entity = entity.withColumns(columns)
                        .withSoftDelete(Optional.of(
                                new SoftDelete("deleted_at", SoftDelete.Kind.TIMESTAMP, "nullable timestamp")));
            }
            entities.add(entity);
        }
        return EntityCatalog.of(entities);
    }

    private static PlannerOutput marker(Object value) {
        Map<String, Object> changes = new HashMap<>();
        changes.put("deleted_at", value);
        return PlannerOutput.update("customers", changes, List.of(Filter.eq("id", 2L)), ScriptedPlanner.TRACE);
    }

    @BeforeEach
    void setUp() {
        EntityCatalog catalog = catalog();
        executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (long id = 1; id <= 3; id++) {
            executor.insert(
                    "customers", Map.of("id", id, "company_id", 101L, "name", "Customer " + id, "status", "active"));
        }
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(clock)
                .readOnlyMode(ReadOnlyMode.off())
                .build();
        planner.on("delete customer 2", marker(SoftDelete.NOW))
                .on("restore customer 2", marker(null))
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on(
                        "show customers including deleted",
                        PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)
                                .withDeleted(DeletedRows.INCLUDED));
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    /** The stored marker of customer {@code id}; null when it is NULL or was never set. */
    private Object stored(long id) {
        Object value = executor.rows("customers").stream()
                .filter(row -> ((Number) row.get("id")).longValue() == id)
                .findFirst()
                .orElseThrow()
                .get("deleted_at");
        // the in-memory executor shows a stored NULL as "<null>"
        return "<null>".equals(value) ? null : value;
    }

    private static List<Object> ids(Reply reply) {
        return reply.part(ReplyPart.Rows.class).orElseThrow().rows().rows().stream()
                .map(row -> (Object) ((Number) row.get("id")).longValue())
                .toList();
    }

    @Test
    void deleteIsPreviewedAsAnUpdateOfTheMarkerThenConfirmedAtTheClocksTime() {
        Reply preview = say("delete customer 2");

        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        ReplyPart.Preview shown = preview.part(ReplyPart.Preview.class).orElseThrow();
        assertThat(shown.preview().intent()).isEqualTo(Intent.UPDATE);
        assertThat(shown.preview().changedColumns()).containsExactly("deleted_at");
        assertThat(shown.preview().changes()).hasSize(1);
        RowChange change = shown.preview().changes().get(0);
        assertThat(change.after().get("deleted_at")).hasToString("2026-03-01T10:00");
        assertThat(stored(2)).as("nothing is written before the confirm").isNull();

        Reply done = say("confirm");

        assertThat(done.part(ReplyPart.Committed.class)).isPresent();
        assertThat(stored(2)).isEqualTo(LocalDateTime.parse("2026-03-01T10:00:00"));
        assertThat(executor.rows("customers"))
                .as("the row is still there: no DELETE")
                .hasSize(3);

        Reply read = say("show customers");
        assertThat(ids(read)).containsExactly(1L, 3L);
        assertThat(read.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                .hasValueSatisfying(text -> assertThat(text).contains("not counting deleted"));
        Reply all = say("show customers including deleted");
        assertThat(ids(all)).containsExactly(1L, 2L, 3L);
        assertThat(all.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                .hasValueSatisfying(text -> assertThat(text).contains("including deleted"));

        assertThat(say("delete customer 2").refusal())
                .as("a deleted row is not deleted again")
                .map(Refusal::code)
                .contains(RefusalCode.NO_MATCHING_ROWS);
    }

    @Test
    void restoreReachesTheDeletedRowAndSetsTheMarkerBackToNull() {
        say("delete customer 2");
        say("confirm");

        Reply preview = say("restore customer 2");
        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        say("confirm");

        assertThat(stored(2)).isNull();
        assertThat(ids(say("show customers"))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aClarifyingChoiceThatReadsDeletedRowsReadsThem() {
        say("delete customer 2");
        say("confirm");
        ReadPlan deletedOnes = new ReadPlan(
                "customers",
                List.of(),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                0,
                Optional.empty(),
                DeletedRows.ONLY);
        planner.on(
                "the removed ones",
                PlannerOutput.asking(
                        new Question(
                                "Which customers?",
                                List.of(
                                        new Question.Choice("deleted", "deleted customers", deletedOnes),
                                        new Question.Choice(
                                                "live", "live customers", ReadPlan.of("customers", List.of())))),
                        ScriptedPlanner.TRACE));

        say("the removed ones");

        // #13: the picked plan keeps which rows it counts, as if the planner had returned it
        assertThat(ids(say("deleted"))).containsExactly(2L);
    }

    @Test
    void aViewerCannotDeleteEither() {
        Reply reply = engine.handle(ChatRequest.of("s-viewer", Users.viewer(), "delete customer 2"));

        assertThat(reply.stage()).isNotEqualTo(Stage.PREVIEW);
        assertThat(reply.refusal()).isPresent();
        assertThat(stored(2)).isNull();
    }
}
