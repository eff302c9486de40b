package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.InMemorySessionStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwitchSessionsTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aSessionWithADraftFromAnotherTargetComesBackIdleAndCanBeSavedAgain() {
        SwitchSessions sessions = new SwitchSessions(new InMemorySessionStore());
        SessionStore before = sessions.forTarget(0);
        SessionStore after = sessions.forTarget(1);
        ConversationState collecting = ConversationState.start("s-1", "u-1", Optional.of("101"), now)
                .collecting(Draft.start(Intent.CREATE, "products"), now);
        SaveOutcome saved = before.save(collecting, 0);
        assertThat(saved).isInstanceOf(SaveOutcome.Saved.class);

        assertThat(before.find("s-1"))
                .hasValueSatisfying(s -> assertThat(s.stage()).isEqualTo(Stage.COLLECTING));
        ConversationState seenAfter = after.find("s-1").orElseThrow();
        assertThat(seenAfter.stage()).isEqualTo(Stage.IDLE);
        assertThat(seenAfter.draft()).isEmpty();
        assertThat(after.save(seenAfter, seenAfter.version())).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(after.find("s-1"))
                .hasValueSatisfying(s -> assertThat(s.stage()).isEqualTo(Stage.IDLE));
    }
}
