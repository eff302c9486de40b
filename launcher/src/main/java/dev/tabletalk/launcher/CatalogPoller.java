package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the current target's schema again every {@code catalog.pollInterval} (one daemon thread) and, when its
 * fingerprint changed, leaves the new catalog in place for every new turn: each server of a deployment notices a
 * migration on its own within one interval, without a reload. The engine and the executor read the catalog per
 * call, so a preview made on the old catalog is validated again on the new one when it is confirmed (a column it
 * writes that is gone or hidden now refuses the confirm). A poll that cannot read the database keeps the catalog
 * it had. Closed with the {@link TableTalk}.
 */
final class CatalogPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogPoller.class);
    /** Each poll reads the whole schema: never more often than this. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Targets targets;
    private final ScheduledExecutorService scheduler;

    private CatalogPoller(Targets targets, ScheduledExecutorService scheduler) {
        this.targets = targets;
        this.scheduler = scheduler;
    }

    static CatalogPoller start(Targets targets, Duration interval) {
        Objects.requireNonNull(targets, "targets");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-catalog-poll");
            thread.setDaemon(true);
            return thread;
        });
        CatalogPoller poller = new CatalogPoller(targets, scheduler);
        scheduler.scheduleWithFixedDelay(poller::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
    }

    /** One poll: the current target's schema read again, its change logged. */
    private void poll() {
        TargetStack target = targets.current();
        SchemaCatalog catalog = target.catalog();
        try {
            String before = catalog.current().fingerprint();
            EntityCatalog after = catalog.refresh();
            if (!after.fingerprint().equals(before)) {
                log.info(
                        "the schema of {} changed (fingerprint {} -> {}): new turns use it",
                        target.description(),
                        before,
                        after.fingerprint());
            }
        } catch (DependencyUnavailableException e) {
            log.warn("polling the schema of {} failed; the catalog stays as it was", target.description(), e);
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep polling
            log.error("polling the schema of {} failed unexpectedly", target.description(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
