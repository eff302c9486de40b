package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.ConversationState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownStatesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theKnownStatesNeverHoldMoreJsonThanTheirBudget() {
        KnownStates known = new KnownStates(10_000);

        for (int i = 0; i < 1_000; i++) {
            known.remember("save-" + i, state("s-" + i), 300, 0);
            assertThat(known.chars()).isLessThanOrEqualTo(10_000);
        }

        assertThat(known.size()).isEqualTo(33);
        assertThat(known.chars()).isEqualTo(33 * 300L);
        assertThat(known.saveIdOf("s-999")).isEqualTo("save-999");
    }

    @Test
    void aStateRememberedAgainReplacesItsSessionsOwnAndIsCountedOnce() {
        KnownStates known = new KnownStates(10_000);
        known.remember("save-1", state("s-1"), 300, 0);

        known.remember("save-2", state("s-1"), 500, 0);

        assertThat(known.size()).isEqualTo(1);
        assertThat(known.chars()).isEqualTo(500);
        assertThat(known.saveIdOf("s-1")).isEqualTo("save-2");
        known.forget("s-1");
        assertThat(known.chars()).isZero();
        assertThat(known.saveIdOf("s-1")).isNull();
    }

    @Test
    void aLongStateOrOneWithoutASaveIdIsNotKeptAndForgetsTheOneBefore() {
        KnownStates known = new KnownStates(KnownStates.MAX_CHARS);
        known.remember("save-1", state("s-1"), 300, 0);

        known.remember("save-2", state("s-1"), KnownStates.MAX_STATE_CHARS + 1, 0);
        assertThat(known.saveIdOf("s-1")).isNull();

        known.remember("save-3", state("s-1"), 300, 0);
        known.remember(null, state("s-1"), 300, 0);
        assertThat(known.saveIdOf("s-1")).isNull();
        assertThat(known.chars()).isZero();
    }

    @Test
    void aRowAnswersWithTheKnownStateOnlyForItsSaveAndVersion() {
        KnownStates known = new KnownStates(KnownStates.MAX_CHARS);
        ConversationState state = state("s-1");
        known.remember("save-1", state, 300, 0);

        assertThat(known.stateOf(row("save-1", state.version()), 0)).contains(state);
        assertThat(known.stateOf(row("save-2", state.version()), 0)).isEmpty();
        assertThat(known.stateOf(row("save-1", state.version() + 1), 0)).isEmpty();
        assertThat(known.stateOf(new StoredRow("s-1", state.version(), 1, null, 0, "save-1", 12L), 0))
                .as("a preview expiry the known state does not have")
                .isEmpty();
    }

    @Test
    void aStateNotUsedSinceTheCutoffIsForgottenAndOneFoundSinceIsKept() {
        KnownStates known = new KnownStates(KnownStates.MAX_CHARS);
        ConversationState found = state("s-1");
        known.remember("save-1", found, 300, 1_000);
        known.remember("save-2", state("s-2"), 200, 1_000);
        known.remember("save-3", state("s-3"), 100, 5_000);
        assertThat(known.stateOf(row("save-1", found.version()), 9_000)).contains(found);

        assertThat(known.forgetUsedBefore(6_000)).isEqualTo(2);

        assertThat(known.saveIdOf("s-1")).isEqualTo("save-1");
        assertThat(known.saveIdOf("s-2")).isNull();
        assertThat(known.saveIdOf("s-3")).isNull();
        assertThat(known.chars()).isEqualTo(300);
    }

    private static StoredRow row(String saveId, long version) {
        return new StoredRow("s-1", version, 1, null, 0, saveId, null);
    }

    private static ConversationState state(String sessionId) {
        return ConversationState.start(sessionId, "u-1", Optional.of("t-1"), NOW);
    }
}
