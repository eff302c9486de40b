package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.FixedClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The builder's clock drives preview expiry through the real stack. */
class LauncherClockIT {

    private static final UserContext EDITOR_1 = UserContext.of("mia", "editor", "1");

    @Test
    @Tag("invariant-4")
    void aPreviewExpiresOnTheBuildersClockAndIsNotApplied() {
        FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
        try (DemoDatabase shop = DemoDatabase.inMemory();
                TableTalk tableTalk = TableTalk.builder()
                        .targetDatabase(shop.url())
                        .catalogOptions(shop.catalogOptions())
                        .auditStore("jdbc:h2:mem:audit_clock_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                        .clock(clock)
                        .build()) {
            Reply preview = tableTalk
                    .conversations()
                    .handle(ChatRequest.newSession(EDITOR_1, "set the status of order 1004 to shipped"));
            assertThat(preview.part(ReplyPart.Preview.class)).as(preview.text()).isPresent();

            clock.advance(Limits.defaults().previewTtl().plusSeconds(1));
            Reply late = tableTalk.conversations().handle(ChatRequest.of(preview.sessionId(), EDITOR_1, "confirm"));

            assertThat(late.part(ReplyPart.Committed.class)).isEmpty();
            assertThat(late.text()).contains("expired");
        }
    }
}
