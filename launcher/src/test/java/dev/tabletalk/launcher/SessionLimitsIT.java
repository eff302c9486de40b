package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PUB-107: the builder's session idle timeout and cap per user apply, on the builder's clock. */
@Tag("PUB-107")
class SessionLimitsIT {

    private static final UserContext EDITOR_1 = UserContext.of("mia", "editor", "1");
    private static final String UPDATE = "set the status of order 1004 to shipped";

    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");

    private TableTalk build(DemoDatabase shop) {
        return TableTalk.builder()
                .targetDatabase(shop.url())
                .catalogOptions(shop.catalogOptions())
                .auditStore("jdbc:h2:mem:audit_sessions_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .clock(clock)
                .sessionIdleTimeout(Duration.ofMinutes(10))
                .maxSessionsPerUser(2)
                .build();
    }

    private static Reply say(TableTalk tableTalk, String session, String message) {
        return tableTalk.conversations().handle(ChatRequest.of(session, EDITOR_1, message));
    }

    @Test
    void anIdleConversationIsDroppedAfterTheConfiguredTimeout() {
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = build(shop)) {
            assertThat(say(tableTalk, "s-idle", UPDATE).part(ReplyPart.Preview.class))
                    .isPresent();

            clock.advance(Duration.ofMinutes(10));
            Reply late = say(tableTalk, "s-idle", "confirm");

            assertThat(late.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            assertThat(late.part(ReplyPart.Committed.class)).isEmpty();
        }
    }

    @Test
    void aThirdConversationOfOneUserDropsTheLongestUnusedOne() {
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = build(shop)) {
            say(tableTalk, "s-1", UPDATE);
            clock.advance(Duration.ofSeconds(1));
            say(tableTalk, "s-2", "show orders");
            clock.advance(Duration.ofSeconds(1));
            say(tableTalk, "s-3", "show orders");

            Reply confirm = say(tableTalk, "s-1", "confirm");

            assertThat(confirm.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
        }
    }

    @Test
    void theLimitsConfigureTheBuiltInStoreOnly() {
        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase("jdbc:h2:mem:never_opened")
                        .sessions(new InMemorySessionStore())
                        .maxSessionsPerUser(5)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("built-in session store");
        assertThatThrownBy(() -> TableTalk.builder().sessionIdleTimeout(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> TableTalk.builder().maxSessionsPerUser(0)).isInstanceOf(ConfigurationException.class);
    }
}
