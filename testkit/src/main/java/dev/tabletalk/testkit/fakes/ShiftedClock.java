package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, moved forward by whatever a test adds: time passes as usual, and a test that
 * needs an expiry or a window to have passed jumps there instead of sleeping. For wiring that also
 * needs real time to pass (audit latency, pool timeouts); where nothing does, prefer {@link FixedClock}.
 * Thread-safe.
 */
public final class ShiftedClock implements Clock {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant now() {
        return Instant.now().plus(shift.get());
    }

    /** Moves this clock forward by {@code duration} from now on. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + duration);
        }
        shift.updateAndGet(s -> s.plus(duration));
    }
}
