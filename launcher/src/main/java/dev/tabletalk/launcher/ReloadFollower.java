package dev.tabletalk.launcher;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.statejdbc.JdbcSharedState;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the reloads of the other servers sharing a store (one daemon thread): every {@link #PERIOD} it reads the
 * shared count of reloads and, when another server's reload made it grow, reloads this server too, so that a
 * reload on any server takes effect on every server within a second. Closed with the {@link TableTalk}.
 */
final class ReloadFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadFollower.class);
    static final Duration PERIOD = Duration.ofMillis(250);

    private final ScheduledExecutorService scheduler;

    private ReloadFollower(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static ReloadFollower start(JdbcSharedState shared, Operations operations) {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(operations, "operations");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-reload-follow");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        operations.follow(shared.reloads());
                    } catch (DependencyUnavailableException e) {
                        log.warn("the shared store cannot be read: other servers' reloads are not followed until "
                                + "it answers");
                    } catch (RuntimeException e) {
                        // a scheduled task that throws is never run again: keep following
                        log.error("following the other servers' reloads failed", e);
                    }
                },
                PERIOD.toMillis(),
                PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ReloadFollower(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
