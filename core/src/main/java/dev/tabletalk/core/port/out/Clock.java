package dev.tabletalk.core.port.out;

import java.time.Instant;

/** The time, as the engine sees it (preview expiry, audit timestamps, latency). Thread-safe. */
@FunctionalInterface
public interface Clock {

    Instant now();
}
