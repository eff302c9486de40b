package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #14: macros run before any planner, ask for missing arguments like missing fields, refuse wrong values with what
 * was expected, and their plans go through validation, preview and confirm like planned ones.
 */
class MacroConversationTest {

    private static final String SESSION = "s-macro";

    static final Macro DEACTIVATE = new Macro(
            "deactivate customer",
            "Mark a customer inactive",
            Map.of("id", ParamType.INTEGER),
            Map.of(
                    "intent",
                    "update",
                    "entity",
                    "customers",
                    "filters",
                    List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                    "fields",
                    Map.of("status", "inactive")));

    static final Macro REVENUE = new Macro(
            "revenue in month",
            "Total ordered in a month",
            Map.of("month", ParamType.MONTH),
            Map.of(
                    "intent",
                    "read",
                    "entity",
                    "orders",
                    "aggregate",
                    Map.of("fn", "sum", "field", "total"),
                    "filters",
                    List.of(Map.of("field", "created_at", "op", "between", "value", "{month}"))));

    private final EntityCatalog catalog = Catalogs.shop();
    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ReadOnlyMode readOnly = ReadOnlyMode.off();
    private InMemoryExecutor executor;
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        executor = new InMemoryExecutor(catalog, Limits.defaults());
        executor.insert(
                "customers",
                Map.of("id", 1L, "company_id", 101L, "name", "Ada", "status", "active", "email", "a@example.com"));
        executor.insert(
                "customers",
                Map.of("id", 2L, "company_id", 101L, "name", "Bob", "status", "active", "email", "b@example.com"));
        order(1, "10.00", "2025-02-28T23:59:00Z");
        order(2, "20.50", "2025-03-01T00:00:00Z");
        order(3, "5.25", "2025-03-31T23:59:59Z");
        order(4, "100.00", "2025-04-01T00:00:00Z");
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(audit)
                .sessions(new InMemorySessionStore(clock, Duration.ofMinutes(30), 20))
                .clock(clock)
                .readOnlyMode(readOnly)
                .macros(Macros.of(List.of(DEACTIVATE, REVENUE)))
                .build();
    }

    private void order(long id, String total, String at) {
        executor.insert(
                "orders",
                Map.of(
                        "id",
                        id,
                        "company_id",
                        101L,
                        "customer_id",
                        1L,
                        "total",
                        new BigDecimal(total),
                        "status",
                        "open",
                        "created_at",
                        OffsetDateTime.parse(at)));
    }

    private Reply say(String message) {
        return say(Users.editor(), message);
    }

    private Reply say(UserContext user, String message) {
        return engine.handle(ChatRequest.of(SESSION, user, message));
    }

    private Object statusOf(long id) {
        return executor.rows("customers").stream()
                .filter(row -> row.get("id").equals(id))
                .findFirst()
                .orElseThrow()
                .get("status");
    }

    @Test
    void anUpdateMacroPreviewsWithoutAPlannerAndRunsOnlyOnConfirm() {
        Reply preview = say("deactivate customer 2");

        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        assertThat(preview.text()).startsWith("Macro 'deactivate customer' (id = 2): ");
        assertThat(preview.part(ReplyPart.Preview.class).orElseThrow().preview().rowCount())
                .isEqualTo(1);
        assertThat(planner.calls()).isZero();
        assertThat(statusOf(2)).as("nothing runs before the confirm").isEqualTo("active");
        assertThat(audit.last().planner().orElseThrow().planner()).isEqualTo("macro");
        assertThat(audit.last().planner().orElseThrow().model()).isEqualTo("deactivate customer");

        Reply done = say("confirm");

        assertThat(done.isRefused()).isFalse();
        assertThat(statusOf(2)).isEqualTo("inactive");
        assertThat(statusOf(1)).isEqualTo("active");
        assertThat(audit.last().plan().orElseThrow())
                .isEqualTo(new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.eq("id", 2L))));
    }

    @Test
    void aReadMacroFillsABetweenWithTheMonthAndSaysWhichMacroRan() {
        Reply reply = say("run revenue in month March 2025");

        ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow();
        assertThat(rows.rows().rows()).hasSize(1);
        assertThat(rows.rows().rows().get(0).values()).contains(new BigDecimal("25.75"));
        assertThat(rows.interpretation().orElseThrow()).startsWith("macro 'revenue in month' (month = March 2025): ");
        assertThat(audit.last().plan().orElseThrow().filters())
                .extracting(c -> ((Filter) c).op())
                .containsExactly(Op.BETWEEN);
        assertThat(planner.calls()).isZero();
    }

    @Test
    void aMissingArgumentIsAskedForOverSeveralTurns() {
        Reply asked = say("deactivate customer");

        assertThat(asked.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(asked.text()).startsWith("Which id?");
        ReplyPart.MissingFields missing =
                asked.part(ReplyPart.MissingFields.class).orElseThrow();
        assertThat(missing.fields()).containsExactly("id");
        assertThat(missing.detail("id").orElseThrow().type()).isEqualTo("integer");
        assertThat(audit.last().planner().orElseThrow().model()).isEqualTo("deactivate customer");

        Reply wrong = say("the second one");

        assertThat(wrong.refusal().orElseThrow().code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(wrong.text()).contains("'the second one' is not a whole number", "Which id?");
        assertThat(wrong.stage()).isEqualTo(Stage.COLLECTING);

        Reply preview = say("2");

        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        assertThat(preview.text()).startsWith("Macro 'deactivate customer' (id = 2): ");
        say("confirm");
        assertThat(statusOf(2)).isEqualTo("inactive");
        assertThat(planner.calls()).isZero();
    }

    @Test
    void cancelDropsAWaitingMacro() {
        say("deactivate customer");

        Reply cancelled = say("cancel");

        assertThat(cancelled.stage()).isEqualTo(Stage.IDLE);
        assertThat(cancelled.text()).contains("macro 'deactivate customer' was not run");
        say("2");
        assertThat(planner.calls()).as("'2' is no answer any more").isEqualTo(1);
    }

    @Test
    void showDraftSaysWhatTheMacroWaitsForAndAnotherMacroReplacesIt() {
        say("deactivate customer");

        assertThat(say("show draft").text())
                .isEqualTo("The macro 'deactivate customer' waits for id. Which id? Give a whole number, e.g. 42, for"
                        + " 'deactivate customer', or say 'cancel'.");
        Reply other = say("revenue in month 2025-03");

        assertThat(other.stage()).isEqualTo(Stage.IDLE);
        assertThat(other.part(ReplyPart.Rows.class)).isPresent();
        assertThat(say("2").stage()).as("the deactivation waits no more").isEqualTo(Stage.IDLE);
        assertThat(statusOf(2)).isEqualTo("active");
    }

    @Test
    void aBadValueIsRefusedWithWhatWasExpected() {
        Reply reply = say("revenue in month Smarch 2025");

        assertThat(reply.refusal().orElseThrow().code()).isEqualTo(RefusalCode.INVALID_DATE);
        assertThat(reply.text()).contains("'Smarch 2025' is not a month like March 2025");
        assertThat(planner.calls()).isZero();
    }

    @Test
    @Tag("invariant-6")
    void aMacroGrantsNothingTheRoleLacks() {
        Reply reply = say(Users.viewer(), "deactivate customer 2");

        assertThat(reply.refusal().orElseThrow().code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(reply.part(ReplyPart.Preview.class)).isEmpty();
        assertThat(say(Users.viewer(), "confirm").isRefused()).isTrue();
        assertThat(statusOf(2)).isEqualTo("active");
    }

    @Test
    @Tag("invariant-10")
    void readOnlyModeRefusesAnUpdateMacro() {
        readOnly.set(true);

        Reply reply = say("deactivate customer 2");

        assertThat(reply.refusal().orElseThrow().code()).isEqualTo(RefusalCode.READ_ONLY_MODE);
        assertThat(statusOf(2)).isEqualTo("active");
    }

    @Test
    void helpListsTheMacrosTheRoleMayRun() {
        Reply editor = say("what can I do?");
        Reply viewer = engine.handle(ChatRequest.of("s-viewer", Users.viewer(), "what can I do?"));

        assertThat(editor.text())
                .contains(
                        "'deactivate customer <id>' (Mark a customer inactive)",
                        "'revenue in month <month>' (Total ordered in a month)");
        assertThat(viewer.text()).contains("'revenue in month <month>'").doesNotContain("deactivate customer");
        assertThat(audit.last().action()).isEqualTo(AuditEvent.Action.COMMAND);
    }

    @Test
    void aMacroNamedLikeACommandIsAConfigurationError() {
        Macro help = new Macro("help", "", Map.of(), Map.of("intent", "read", "entity", "customers"));

        assertThatThrownBy(() -> ConversationEngine.builder()
                        .schemaCatalog(new StaticSchemaCatalog(catalog))
                        .planner(planner)
                        .executor(executor)
                        .auditLog(audit)
                        .macros(Macros.of(List.of(help)))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("macro 'help'");
    }

    @Test
    void otherMessagesStillGoToThePlanner() {
        say("deactivate customers 2");
        say("show revenue");

        assertThat(planner.calls()).isEqualTo(2);
    }
}
