package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whole conversations through core's engine with the rules planner and the testkit's in-memory fakes. */
class RulesPlannerConversationTest {

    private static final String SESSION = "s-rules";

    private final EntityCatalog catalog = Catalogs.shop();
    private InMemoryExecutor executor;
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (long id = 1; id <= 3; id++) {
            executor.insert(
                    "customers", Map.of("id", id, "company_id", 101L, "name", "Customer " + id, "status", "active"));
        }
        executor.insert(
                "customers", Map.of("id", 9001L, "company_id", 202L, "name", "Other tenant", "status", "active"));
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(RulesPlanner.create())
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .readOnlyMode(ReadOnlyMode.off())
                .build();
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    @Test
    void createsAProductByAnsweringTheEnginesQuestionsThenConfirming() {
        Reply first = say("add a product called Widget");
        assertThat(first.refusal()).isEmpty();
        assertThat(first.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(first.part(ReplyPart.MissingFields.class)).isPresent();

        Reply second = say("W-1");
        assertThat(second.refusal()).as(second.text()).isEmpty();
        Reply third = say("9.99");
        assertThat(third.refusal()).as(third.text()).isEmpty();
        assertThat(third.stage()).as(third.text()).isEqualTo(Stage.PREVIEW);

        Reply done = say("confirm");
        assertThat(done.refusal()).as(done.text()).isEmpty();
        assertThat(executor.rows("products")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("name", "Widget").containsEntry("sku", "W-1");
            assertThat(row.get("price")).isEqualTo(new BigDecimal("9.99"));
        });
    }

    @Test
    void updatesAStatusByKeyAfterAPreview() {
        Reply preview = say("set the status of customer 2 to blocked");
        assertThat(preview.refusal()).as(preview.text()).isEmpty();
        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        say("confirm");
        assertThat(executor.rows("customers"))
                .filteredOn(row -> row.get("id").equals(2L))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "blocked"));
    }

    @Test
    void readsWithAFilterTheValidatorAccepts() {
        Reply reply = say("show customers whose status is active");
        assertThat(reply.refusal()).as(reply.text()).isEmpty();
        assertThat(reply.part(ReplyPart.Rows.class)).isPresent();
        assertThat(reply.part(ReplyPart.Rows.class).get().rows().rows()).hasSize(3);
    }

    @Test
    @Tag("invariant-7")
    void aRequestNamingTheTenantColumnIsRefusedWithTheReasonAndShowsNoRows() {
        Reply reply = say("show customers where company id is 202");

        assertThat(reply.refusal().map(Refusal::code)).isEqualTo(Optional.of(RefusalCode.TENANT_COLUMN));
        assertThat(reply.text()).contains("your identity");
        assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
    }

    @Test
    @Tag("invariant-1")
    void aDeleteIsRefusedAndChangesNothing() {
        Reply reply = say("delete customer 2");
        assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.DELETE_NOT_ALLOWED);
        assertThat(executor.rows("customers")).hasSize(4);
        assertThat(executor.commits()).isZero();
    }
}
