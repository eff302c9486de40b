package dev.tabletalk.launcher;

import dev.tabletalk.core.support.InMemorySessionStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops idle sessions and expired previews of the built-in session store periodically (one daemon thread),
 * so that memory is given back even when no turn comes to do it. Closed with the {@link TableTalk}.
 */
final class SessionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);
    /** How often the store is swept, at most. */
    static final Duration MAX_PERIOD = Duration.ofMinutes(1);

    private final ScheduledExecutorService scheduler;

    private SessionSweeper(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static SessionSweeper start(InMemorySessionStore store) {
        Objects.requireNonNull(store, "store");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-session-sweep");
            thread.setDaemon(true);
            return thread;
        });
        Duration half = store.idleTtl().dividedBy(2);
        long periodMillis = Math.max(1_000, Math.min(MAX_PERIOD.toMillis(), half.toMillis()));
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int dropped = store.evictExpired();
                        if (dropped > 0) {
                            log.debug("dropped {} idle sessions", dropped);
                        }
                    } catch (RuntimeException e) {
                        log.warn("sweeping idle sessions failed", e);
                    }
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
        return new SessionSweeper(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
