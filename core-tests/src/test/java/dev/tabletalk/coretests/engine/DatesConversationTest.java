package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dates through the engine (#13): the planner is told the day of the engine's injected clock (in UTC), a date
 * alone on a timestamp column is validated as a day and matches that whole day, the interpretation shows the
 * range, and an impossible date is refused with a clear message.
 */
class DatesConversationTest {

    private static final String SESSION = "s-dates";

    /** Late in the evening of January 3 (UTC): "today" is January 3. */
    private final FixedClock clock = FixedClock.at("2025-01-03T23:30:00Z");

    private final ScriptedPlanner planner = new ScriptedPlanner();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        EntityCatalog catalog = Catalogs.shop();
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
        order(executor, 1, "2025-01-02T23:59:59Z");
        order(executor, 2, "2025-01-03T00:00:00Z");
        order(executor, 3, "2025-01-03T23:59:59Z");
        order(executor, 4, "2025-01-04T00:00:00Z");
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(clock)
                .readOnlyMode(ReadOnlyMode.off())
                .build();
        planner.on(
                        "orders today",
                        PlannerOutput.read(
                                "orders", List.of(Filter.eq("created_at", "2025-01-03")), ScriptedPlanner.TRACE))
                .on(
                        "orders in the first days of January",
                        PlannerOutput.read(
                                "orders",
                                List.of(Filter.of("created_at", Op.BETWEEN, List.of("2025-01-01", "2025-01-03"))),
                                ScriptedPlanner.TRACE))
                .on(
                        "orders on February 30",
                        PlannerOutput.read(
                                "orders", List.of(Filter.eq("created_at", "2025-02-30")), ScriptedPlanner.TRACE));
    }

    private static void order(InMemoryExecutor executor, long id, String createdAt) {
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
                        new BigDecimal("10.00"),
                        "status",
                        "new",
                        "created_at",
                        OffsetDateTime.parse(createdAt)));
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    private static List<Object> ids(Reply reply) {
        return reply.part(ReplyPart.Rows.class).orElseThrow().rows().rows().stream()
                .map(row -> (Object) ((Number) row.get("id")).longValue())
                .toList();
    }

    @Test
    void thePlannerIsToldTheDayOfTheInjectedClock() {
        say("orders today");

        assertThat(planner.requests()).hasSize(1);
        assertThat(planner.requests().get(0).today()).isEqualTo(LocalDate.of(2025, 1, 3));
    }

    @Test
    void aDateAloneMatchesTheWholeDayAndNotTheNextMidnight() {
        Reply reply = say("orders today");

        assertThat(ids(reply)).containsExactly(2L, 3L);
        assertThat(reply.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                .hasValueSatisfying(text -> assertThat(text).contains("created at is 2025-01-03"));
    }

    @Test
    void aRangeOfDaysIncludesItsLastDayAndReadsAsARange() {
        Reply reply = say("orders in the first days of January");

        assertThat(ids(reply)).containsExactly(1L, 2L, 3L);
        assertThat(reply.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                .hasValueSatisfying(text -> assertThat(text).contains("created at from 2025-01-01 to 2025-01-03"));
    }

    @Test
    void anImpossibleDateIsRefusedSayingWhy() {
        Reply reply = say("orders on February 30");

        ReplyPart.Refused refused = reply.part(ReplyPart.Refused.class).orElseThrow();
        assertThat(refused.refusal().code()).isEqualTo(RefusalCode.INVALID_DATE);
        assertThat(refused.refusal().message()).contains("2025-02-30").contains("is not a valid date");
    }
}
