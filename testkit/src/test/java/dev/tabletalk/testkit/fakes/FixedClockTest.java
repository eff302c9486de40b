package dev.tabletalk.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.testkit.contract.ClockContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixedClockTest extends ClockContract {

    private final FixedClock clock = FixedClock.at("2026-01-01T00:00:00Z");

    @Override
    protected Clock clock() {
        return clock;
    }

    @Test
    void movesOnlyWhenAdvanced() {
        var before = clock.now();
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.now()).isEqualTo(before.plus(Duration.ofMinutes(5)));
    }
}
