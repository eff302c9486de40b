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
 * Follows the connects of the other servers sharing a store (one daemon thread of its own, so that a slow
 * connection check never delays following reloads): every {@link #PERIOD} it reads the store's latest connect
 * and hands it to {@link Connections#follow}, so that a connect on any server takes effect on every server within
 * about a second. Closed with the {@link TableTalk}.
 */
final class ConnectFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectFollower.class);
    static final Duration PERIOD = ReloadFollower.PERIOD;

    private final ScheduledExecutorService scheduler;

    private ConnectFollower(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static ConnectFollower start(JdbcSharedState shared, Connections connections) {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(connections, "connections");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-connect-follow");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        connections.follow(shared.target());
                    } catch (DependencyUnavailableException e) {
                        log.warn("the shared store cannot be read: other servers' connects are not followed until "
                                + "it answers");
                    } catch (RuntimeException e) {
                        // a scheduled task that throws is never run again: keep following
                        log.error("following the other servers' connects failed", e);
                    }
                },
                PERIOD.toMillis(),
                PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ConnectFollower(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
