package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PUB-107: 3,000 sessions each holding a preview of a 4 KB value do not stay in memory: expired previews
 * and idle sessions are dropped, by a sweep or a bounded share of every later turn.
 */
@Tag("PUB-107")
class SessionMemoryTest {

    private static final int SESSIONS = 3_000;
    private static final String BIG = "n".repeat(4096);

    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final InMemorySessionStore store = new InMemorySessionStore(clock, Duration.ofMinutes(30), 20);
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private ConversationEngine engine;
    private final List<Reply> previews = new ArrayList<>();

    @BeforeEach
    void setUp() {
        InMemoryExecutor executor = new InMemoryExecutor(Catalogs.shop(), Limits.defaults());
        executor.insert("customers", Map.of("id", 1L, "company_id", 101L, "name", "Customer 1", "status", "active"));
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(Catalogs.shop()))
                .planner(planner)
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .sessions(store)
                .clock(clock)
                .build();
        planner.on(
                        "note customer 1",
                        PlannerOutput.update(
                                "customers", Map.of("notes", BIG), List.of(Filter.eq("id", 1L)), ScriptedPlanner.TRACE))
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE));
        for (int i = 0; i < SESSIONS; i++) {
            previews.add(engine.handle(ChatRequest.newSession(user(i), "note customer 1")));
        }
    }

    private static UserContext user(int i) {
        return UserContext.of("u-" + i, "editor", "101");
    }

    @Test
    void everySessionHoldsItsPreviewAtFirst() {
        assertThat(store.size()).isEqualTo(SESSIONS);
        assertThat(previews)
                .allSatisfy(
                        reply -> assertThat(reply.part(ReplyPart.Preview.class)).isPresent());
        assertThat(store.find(previews.get(0).sessionId()).orElseThrow().pending())
                .isPresent();
    }

    @Test
    void theSweepDropsExpiredPreviewsThenIdleSessions() {
        clock.advance(Limits.defaults().previewTtl());
        store.evictExpired();
        clock.advance(Duration.ofSeconds(1));
        assertThat(previews)
                .allSatisfy(reply -> assertThat(
                                store.find(reply.sessionId()).orElseThrow().pending())
                        .isEmpty());

        clock.advance(Duration.ofMinutes(30));
        assertThat(store.evictExpired()).isEqualTo(SESSIONS);

        assertThat(store.size()).isZero();
    }

    @Test
    void laterTurnsDropTheIdleSessionsWithoutASweep() {
        clock.advance(Duration.ofMinutes(30));

        for (int i = 0; i < 100; i++) {
            engine.handle(ChatRequest.newSession(user(SESSIONS + i), "show customers"));
        }

        // each turn dropped a bounded share of the old sessions: only the 100 new ones are left
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.find(previews.get(SESSIONS - 1).sessionId())).isEmpty();
    }

    @Test
    void confirmingAPreviewTheStoreDroppedSaysItExpiredAndWritesNothing() {
        String session = previews.get(0).sessionId();
        clock.advance(Limits.defaults().previewTtl().plusSeconds(1));
        store.evictExpired();

        Reply reply = engine.handle(ChatRequest.of(session, user(0), "confirm"));

        assertThat(reply.text()).contains("expired");
        assertThat(reply.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(reply.part(ReplyPart.Preview.class)).isPresent();
    }
}
