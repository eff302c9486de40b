package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class FixedClock implements Clock {

    private final AtomicReference<Instant> now;

    public FixedClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static FixedClock at(String isoInstant) {
        return new FixedClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }
}
