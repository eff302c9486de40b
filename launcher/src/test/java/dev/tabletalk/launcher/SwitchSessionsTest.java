package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.InMemorySessionStore;
import java.time.Instant;
import java.util.List;
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

    @Test
    void theLastReadOfAnotherTargetIsNotContinued() {
        SwitchSessions sessions = new SwitchSessions(new InMemorySessionStore());
        LastRead read = new LastRead(ReadPlan.of("customers", List.of()), 1, 0, 100, Optional.empty(), true);
        ConversationState reading =
                ConversationState.start("s-1", "u-1", Optional.of("101"), now).withLastRead(read);
        sessions.forTarget(0).save(reading, 0);

        assertThat(sessions.forTarget(0).find("s-1").flatMap(ConversationState::lastRead))
                .contains(read);
        assertThat(sessions.forTarget(1).find("s-1").flatMap(ConversationState::lastRead))
                .as("show more after a switch must not page the other database's list")
                .isEmpty();
    }
}
