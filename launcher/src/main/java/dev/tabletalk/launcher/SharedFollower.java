package dev.tabletalk.launcher;

import dev.tabletalk.core.error.DependencyUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows what the other servers sharing a store did (#17): every {@link #PERIOD}, on a daemon thread of its own
 * (so that a slow connection check never delays following reloads), it runs one step that reads the store and
 * catches up, such as another server's reload or connect, so that an operator's act on any server takes effect on
 * every server within about a second. A store that cannot be read is said once per outage, not on every step.
 * Closed with the {@link TableTalk}.
 */
final class SharedFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedFollower.class);
    static final Duration PERIOD = Duration.ofMillis(250);

    private final ScheduledExecutorService scheduler;

    private SharedFollower(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts following.
     *
     * @param what what is followed, plural, for the thread name and the log ({@code "reloads"}, {@code "connects"})
     * @param step reads the store and catches up; throws {@link DependencyUnavailableException} when it cannot read
     */
    static SharedFollower start(String what, Runnable step) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(step, "step");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-follow-" + what);
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean isStoreDown = new AtomicBoolean();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        step.run();
                        if (isStoreDown.compareAndSet(true, false)) {
                            log.info("the shared store answers again: other servers' {} are followed", what);
                        }
                    } catch (DependencyUnavailableException e) {
                        if (isStoreDown.compareAndSet(false, true)) {
                            log.warn(
                                    "the shared store cannot be read: other servers' {} are not followed until it "
                                            + "answers",
                                    what);
                        }
                    } catch (RuntimeException e) {
                        // a scheduled task that throws is never run again: keep following
                        log.error("following the other servers' {} failed", what, e);
                    }
                },
                PERIOD.toMillis(),
                PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        return new SharedFollower(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
