package dev.tabletalk.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.testkit.contract.ClockContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShiftedClockTest extends ClockContract {

    private final ShiftedClock clock = new ShiftedClock();

    @Override
    protected Clock clock() {
        return clock;
    }

    @Test
    void jumpsAheadOfTheSystemClockByWhatWasAdded() {
        clock.advance(Duration.ofHours(2));

        Instant shifted = clock.now();

        assertThat(shifted)
                .isAfterOrEqualTo(Instant.now().plus(Duration.ofHours(2)).minus(Duration.ofMinutes(1)))
                .isBefore(Instant.now().plus(Duration.ofHours(2)).plus(Duration.ofMinutes(1)));
    }

    @Test
    void neverMovesBack() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
