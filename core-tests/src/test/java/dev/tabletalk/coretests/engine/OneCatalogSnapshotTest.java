package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A turn reads the catalog once for the caller's view (its per-turn snapshot), however many steps it goes
 * through; the audit log's masking reads it once more when the turn's event carries values.
 */
class OneCatalogSnapshotTest {

    private final EntityCatalog catalog = EntityCatalog.of(List.of(notes()));
    private final AtomicInteger reads = new AtomicInteger();
    private final SchemaCatalog counting = new SchemaCatalog() {
        @Override
        public EntityCatalog current() {
            reads.incrementAndGet();
            return catalog;
        }

        @Override
        public EntityCatalog refresh() {
            return current();
        }
    };
    private final ScriptedPlanner planner = new ScriptedPlanner()
            .on(
                    "add a note saying hello",
                    PlannerOutput.create("notes", Map.of("body", "hello"), ScriptedPlanner.TRACE));
    private final ConversationEngine engine = ConversationEngine.builder()
            .schemaCatalog(counting)
            .planner(planner)
            .executor(new InMemoryExecutor(catalog, Limits.defaults()))
            .auditLog(new RecordingAuditLog())
            .build();

    @Test
    void aTurnThatGoesFromPlannerThroughFormToPreviewReadsTheCatalogOnceForTheCaller() {
        Reply reply = engine.handle(ChatRequest.newSession(Users.editor(), "add a note saying hello"));

        assertThat(reply.part(ReplyPart.Preview.class)).isPresent();
        // one caller snapshot (planner view, write, form, preview) and one read by the audit log's masking
        assertThat(reads.get()).isEqualTo(2);
    }

    private static Entity notes() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("body", ValueType.TEXT).nullable(false).build());
        List<FormField> body = List.of(new FormField("body", "not null"));
        Form form = new Form(
                body,
                List.of(),
                List.of(new FormField("id", "key"), new FormField("body", "shown")),
                List.of(new FormField("id", "key")),
                body);
        return new Entity(
                "public",
                "notes",
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "an ordinary table with a primary key",
                form);
    }
}
