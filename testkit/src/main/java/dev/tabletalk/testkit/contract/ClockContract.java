package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.out.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link Clock} must do: give an instant, never null, that never goes backwards. */
public abstract class ClockContract {

    /** The clock under test. */
    protected abstract Clock clock();

    @Test
    void givesAnInstant() {
        assertThat(clock().now()).isNotNull();
    }

    @Test
    void neverGoesBackwards() {
        Instant previous = clock().now();
        for (int i = 0; i < 1_000; i++) {
            Instant next = clock().now();
            assertThat(next).isAfterOrEqualTo(previous);
            previous = next;
        }
    }
}
