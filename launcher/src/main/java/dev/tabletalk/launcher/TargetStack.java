package dev.tabletalk.launcher;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target database with what runs on it: its schema catalog, its engine and the pool TableTalk opened for
 * it (none for a data source the caller owns). Turns {@link #enter()} and {@link #leave()}; once
 * {@link #retire() retired} (replaced by another target), the pool closes when the last running turn leaves.
 */
final class TargetStack {

    private static final Logger log = LoggerFactory.getLogger(TargetStack.class);

    private final SchemaCatalog catalog;
    private final ConversationEngine engine;
    private final AutoCloseable pool;
    private final String description;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    TargetStack(SchemaCatalog catalog, ConversationEngine engine, AutoCloseable pool, String description) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.pool = pool;
        this.description = Objects.requireNonNull(description, "description");
    }

    SchemaCatalog catalog() {
        return catalog;
    }

    ConversationEngine engine() {
        return engine;
    }

    /** The database without credentials. */
    String description() {
        return description;
    }

    /** Starts a turn on this target; false once it is retired (take the current target again). */
    boolean enter() {
        running.incrementAndGet();
        if (retired) {
            leave();
            return false;
        }
        return true;
    }

    /** Ends a turn started by a successful {@link #enter()}. */
    void leave() {
        if (running.decrementAndGet() == 0 && retired) {
            closePool();
        }
    }

    /** No new turns; the pool closes now or when the last running turn leaves. */
    void retire() {
        retired = true;
        if (running.get() == 0) {
            closePool();
        }
    }

    /**
     * Closes the pool at once, running turns or not (TableTalk is closing). Later turns may still enter:
     * they fail on the closed pool as a reply with an error, as before any switch existed, instead of waiting.
     */
    void closeNow() {
        closePool();
    }

    private void closePool() {
        if (pool == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.close();
        } catch (Exception e) {
            log.warn("closing the pool of {} failed", description, e);
        }
    }
}
