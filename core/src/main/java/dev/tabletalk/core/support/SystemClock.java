package dev.tabletalk.core.support;

import dev.tabletalk.core.port.out.Clock;
import java.time.Instant;

/** The system's UTC clock. */
public final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }
}
