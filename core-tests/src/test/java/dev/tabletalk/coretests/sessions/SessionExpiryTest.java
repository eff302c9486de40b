package dev.tabletalk.coretests.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PUB-107: the in-memory session store drops idle sessions and expired previews, and caps sessions per user. */
@Tag("PUB-107")
class SessionExpiryTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final InMemorySessionStore store = new InMemorySessionStore(clock, TTL, 3);

    @Test
    void theDefaultsAreThirtyMinutesAndTwentySessionsPerUser() {
        assertThat(InMemorySessionStore.DEFAULT_IDLE_TTL).isEqualTo(Duration.ofMinutes(30));
        assertThat(InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER).isEqualTo(20);
        assertThat(new InMemorySessionStore().idleTtl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anIdleSessionIsGoneAfterTheTimeToLive() {
        store.save(idle("s1", "u1"), 0);
        clock.advance(TTL.minusSeconds(1));
        assertThat(store.find("s1")).isPresent();

        clock.advance(TTL);

        assertThat(store.find("s1")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void usingASessionKeepsItAlive() {
        store.save(idle("s1", "u1"), 0);
        for (int i = 0; i < 10; i++) {
            clock.advance(TTL.minusMinutes(1));
            assertThat(store.find("s1")).as("after %d uses", i).isPresent();
        }
    }

    @Test
    void anExpiredSessionCanNoLongerBeSavedOverAsIfItStillExisted() {
        store.save(idle("s1", "u1"), 0);
        clock.advance(TTL);

        assertThat(store.save(idle("s1", "u1").withVersion(1), 1)).isInstanceOf(SaveOutcome.VersionConflict.class);
        assertThat(store.save(idle("s1", "u1"), 0)).isInstanceOf(SaveOutcome.Saved.class);
    }

    @Test
    void aUserOverTheCapLosesTheLongestIdleSessionAndOtherUsersKeepTheirs() {
        store.save(idle("other", "u2"), 0);
        for (String id : List.of("a", "b", "c")) {
            store.save(idle(id, "u1"), 0);
            clock.advance(Duration.ofMinutes(1));
        }
        store.find("a"); // used again: b is now the longest idle

        store.save(idle("d", "u1"), 0);

        assertThat(store.find("b")).isEmpty();
        assertThat(List.of("a", "c", "d", "other"))
                .allSatisfy(id -> assertThat(store.find(id)).as(id).isPresent());
        assertThat(store.size()).isEqualTo(4);
    }

    @Test
    void theSameUserUnderAnotherTenantIsAnotherOwner() {
        for (String id : List.of("a", "b", "c")) {
            store.save(idle(id, "u1"), 0);
        }
        store.save(ConversationState.start("t2", "u1", Optional.of("202"), clock.now()), 0);

        assertThat(store.size()).isEqualTo(4);
    }

    @Test
    void anExpiredPreviewIsRemovedFromTheStateAndItsDraftKept() {
        ConversationState previewing =
                withPreview("s1", "u1", "x".repeat(4096), clock.now().plusSeconds(300));
        store.save(previewing, 0);
        clock.advance(Duration.ofSeconds(299));
        assertThat(store.find("s1").orElseThrow().pending()).isPresent();

        clock.advance(Duration.ofSeconds(1));
        ConversationState found = store.find("s1").orElseThrow();

        assertThat(found.pending()).isEmpty();
        assertThat(found.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(found.draft()).isPresent();
        assertThat(found.expiredPreviewId()).contains("pv_s1");
        assertThat(found.version()).isEqualTo(1);
    }

    @Test
    void expiredPreviewsAreDroppedByTheSweepWithoutAnyoneLookingAtThem() {
        store.save(withPreview("s1", "u1", "x".repeat(4096), clock.now().plusSeconds(300)), 0);
        clock.advance(Duration.ofSeconds(301));

        store.evictExpired();

        // still stored, not touched by the sweep, but without its preview
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find("s1").orElseThrow().pending()).isEmpty();
    }

    @Test
    void eachCallDropsABoundedNumberOfExpiredSessionsOldestFirst() {
        InMemorySessionStore big = new InMemorySessionStore(clock, TTL, 20);
        for (int i = 0; i < 100; i++) {
            big.save(idle("old-" + i, "u" + i), 0);
        }
        clock.advance(TTL);

        big.find("unknown");
        assertThat(big.size()).isEqualTo(100 - 16);
        big.save(idle("new", "someone"), 0);
        assertThat(big.size()).isEqualTo(100 - 32 + 1);

        assertThat(big.evictExpired()).isEqualTo(100 - 32);
        assertThat(big.size()).isEqualTo(1);
        assertThat(big.find("new")).isPresent();
    }

    private ConversationState idle(String id, String user) {
        return ConversationState.start(id, user, Optional.of("101"), clock.now());
    }

    private ConversationState withPreview(String id, String user, String value, Instant expiresAt) {
        CreatePlan plan = new CreatePlan("products", Map.of("sku", "S-" + id, "name", value));
        Draft draft = Draft.start(Intent.CREATE, "products").withValues(plan.values());
        Preview preview = new Preview(Intent.CREATE, "products", List.of(), List.of("sku", "name"));
        PendingPreview pending =
                new PendingPreview("pv_" + id, preview, new PreviewSnapshot(plan, List.of(), "h"), expiresAt);
        return idle(id, user).previewing(draft, pending, clock.now());
    }
}
