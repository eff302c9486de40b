package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PUB-110: a masked value typed into a message reaches no audit field in clear. */
@Tag("PUB-110")
class MaskedAuditTest {

    private static final String SSN = "987-65-4321";

    private final EntityCatalog catalog = EntityCatalog.of(List.of(employees()));
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
        executor.insert("employees", Map.of("id", 1L, "company_id", 101L, "name", "Ada", "ssn", "123-45-6789"));
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(RulesPlanner.create())
                .executor(executor)
                .auditLog(audit)
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .build();
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of("s-pub110", Users.editor(), message));
    }

    @Test
    void anUpdateOfAMaskedColumnThenCancelLeavesTheValueInNoAuditField() {
        Reply preview = say("set the ssn of employee 1 to " + SSN);
        assertThat(preview.stage()).as(preview.text()).isEqualTo(Stage.PREVIEW);
        say("cancel");

        assertThat(audit.events()).hasSize(2);
        AuditEvent first = audit.events().get(0);
        assertThat(first.fields()).containsEntry("ssn", "***");
        assertThat(first.plan()).isPresent();
        assertThat(first.message()).isEqualTo("set the ssn of employee 1 to ***");
        assertThat(audit.events())
                .allSatisfy(event ->
                        assertThat(event.toString()).doesNotContain(SSN).doesNotContain("987654321"));
    }

    @Test
    void changingTheMaskedValueOfADraftIsMaskedToo() {
        say("set the ssn of employee 1 to 111-22-3333");
        say("change ssn to " + SSN);

        assertThat(audit.events())
                .allSatisfy(event ->
                        assertThat(event.toString()).doesNotContain(SSN).doesNotContain("111-22-3333"));
    }

    @Test
    void otherValuesStayInClear() {
        say("set the name of employee 1 to Grace");

        assertThat(audit.last().fields()).containsEntry("name", "Grace");
        assertThat(audit.last().message()).contains("Grace");
    }

    private static Entity employees() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("name", ValueType.TEXT).nullable(false).build(),
                Column.builder("ssn", ValueType.TEXT)
                        .exposure(ColumnExposure.MASKED, "personal data: shown masked")
                        .build());
        List<FormField> writable = List.of(new FormField("name", "writable"), new FormField("ssn", "writable"));
        Form form = new Form(
                List.of(new FormField("name", "not null")),
                List.of(new FormField("ssn", "may be set")),
                List.of(new FormField("id", "key"), new FormField("name", "shown"), new FormField("ssn", "shown")),
                List.of(new FormField("id", "key"), new FormField("name", "name")),
                writable);
        return new Entity(
                "public",
                "employees",
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
