package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.AuthFlood;
import dev.tabletalk.core.port.in.SecurityEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refused identities without writing one audit entry per request at wire speed (PUB-105): per source and
 * window, the first {@link HttpConfig.AuthFailureAudit#perSource()} refusals are recorded one by one, the rest are
 * counted and recorded as one flood entry when the window ends (or when the server stops). The record of the
 * flood is kept; only its size on disk is bounded. Above {@value #MAX_SOURCES} sources in one window, new
 * sources share one bucket, so a spread flood is bounded too. Thread-safe.
 */
final class RefusedIdentityLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefusedIdentityLog.class);
    static final int MAX_SOURCES = 10_000;
    static final String MANY_SOURCES = "(many sources)";

    private final SecurityEvents events;
    private final HttpConfig.AuthFailureAudit settings;
    private final String transport;
    private final LongSupplier nanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    RefusedIdentityLog(SecurityEvents events, HttpConfig.AuthFailureAudit settings, String transport) {
        this(events, settings, transport, System::nanoTime, true);
    }

    RefusedIdentityLog(
            SecurityEvents events,
            HttpConfig.AuthFailureAudit settings,
            String transport,
            LongSupplier nanos,
            boolean scheduled) {
        this.events = events;
        this.settings = settings;
        this.transport = transport;
        this.nanos = nanos;
        if (scheduled) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tabletalk-refused-identity-flush");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(50, settings.window().toMillis() / 2);
            flusher.scheduleWithFixedDelay(this::flushSafely, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.flusher = null;
        }
    }

    /** A refused request from {@code source}: recorded now, or counted towards the source's flood record. */
    void refused(String source, AuthFailure failure) {
        String key = windows.containsKey(source) || windows.size() < MAX_SOURCES ? source : MANY_SOURCES;
        long now = nanos.getAsLong();
        long[] endedFlood = new long[1];
        boolean[] individually = new boolean[1];
        windows.compute(key, (k, window) -> {
            Window current = window;
            if (current == null || current.ended(now, settings.window())) {
                endedFlood[0] = current == null ? 0 : current.suppressed;
                current = new Window(now);
            }
            if (current.recorded < settings.perSource()) {
                current.recorded++;
                individually[0] = true;
            } else {
                current.suppressed++;
            }
            return current;
        });
        if (endedFlood[0] > 0) {
            flood(key, endedFlood[0]);
        }
        if (individually[0]) {
            events.authenticationFailed(failure);
        }
    }

    /** Writes the flood records of every window that has ended, and forgets quiet sources. */
    void flush() {
        flush(false);
    }

    private void flush(boolean all) {
        long now = nanos.getAsLong();
        List<Map.Entry<String, Long>> floods = new ArrayList<>();
        for (String key : List.copyOf(windows.keySet())) {
            windows.computeIfPresent(key, (k, window) -> {
                if (!all && !window.ended(now, settings.window())) {
                    return window;
                }
                if (window.suppressed > 0) {
                    floods.add(Map.entry(k, window.suppressed));
                }
                return null;
            });
        }
        floods.forEach(entry -> flood(entry.getKey(), entry.getValue()));
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("recording a flood of refused identities failed", e);
        }
    }

    private void flood(String source, long count) {
        events.authenticationFlood(new AuthFlood(transport, source, count, settings.window()));
    }

    /** Stops the timer and writes the floods still open. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flush(true);
    }

    /** One source's window: since when, how many recorded one by one, how many counted. */
    private static final class Window {
        final long start;
        int recorded;
        long suppressed;

        Window(long start) {
            this.start = start;
        }

        boolean ended(long now, Duration length) {
            return now - start >= length.toNanos();
        }
    }
}
