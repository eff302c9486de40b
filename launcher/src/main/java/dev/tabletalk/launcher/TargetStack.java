package dev.tabletalk.launcher;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target database with what runs on it: its schema catalog, its engine and the pool TableTalk opened for
 * it (none for a data source the caller owns). Turns {@link #enter()} and {@link #leave()}; once
 * {@link #retire() retired} (replaced by another target), the pool closes when the last running turn leaves.
 *
 * <p>A reload replaces the engine but keeps the database: {@link #rewired} makes a stack on the same catalog and
 * pool with another engine. Both then share the pool, which closes once every stack that shares it is retired
 * and drained (or closed at once).
 */
final class TargetStack {

    private static final Logger log = LoggerFactory.getLogger(TargetStack.class);

    private final SchemaCatalog catalog;
    private final ConversationEngine engine;
    private final PoolShare pool;
    private final String description;
    private final long generation;
    private final TargetPools pools;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    /** A stack that cannot be {@link #rewired} (no pools to build another engine on), for tests. */
    TargetStack(SchemaCatalog catalog, ConversationEngine engine, AutoCloseable pool, String description) {
        this(catalog, engine, new PoolShare(pool), description, SwitchSessions.FIRST_TARGET, null);
    }

    /** The stack of {@code generation} on {@code pools}, owning their closer. */
    TargetStack(
            SchemaCatalog catalog, ConversationEngine engine, TargetPools pools, String description, long generation) {
        this(catalog, engine, new PoolShare(pools.closer()), description, generation, pools);
    }

    /** A stack without a database or pool (a server that could not follow a connect); it cannot be rewired. */
    static TargetStack withoutDatabase(
            SchemaCatalog catalog, ConversationEngine engine, String description, long generation) {
        return new TargetStack(catalog, engine, new PoolShare(null), description, generation, null);
    }

    private TargetStack(
            SchemaCatalog catalog,
            ConversationEngine engine,
            PoolShare pool,
            String description,
            long generation,
            TargetPools pools) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.pool = pool;
        this.description = Objects.requireNonNull(description, "description");
        this.generation = generation;
        this.pools = pools;
    }

    /** Which target this is, for the sessions ({@link SwitchSessions#forTarget}); a rewired stack keeps it. */
    long generation() {
        return generation;
    }

    /** The pools the engine runs on; empty for a stack built without them (tests). */
    Optional<TargetPools> pools() {
        return Optional.ofNullable(pools);
    }

    /**
     * A stack on the same database, catalog, pool and generation with another {@code engine} (a reload of the
     * settings). It shares this stack's pool: retiring this one no longer closes it while the new one serves.
     */
    TargetStack rewired(ConversationEngine engine) {
        pool.retain();
        return new TargetStack(catalog, engine, pool, description, generation, pools);
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
        if (closed.compareAndSet(false, true)) {
            pool.release(description);
        }
    }

    /** A pool shared by the stacks of one database: closed when the last of them lets it go. */
    private static final class PoolShare {
        private final AutoCloseable closer;
        private final AtomicInteger holders = new AtomicInteger(1);

        PoolShare(AutoCloseable closer) {
            this.closer = closer;
        }

        void retain() {
            holders.incrementAndGet();
        }

        void release(String description) {
            if (holders.decrementAndGet() != 0 || closer == null) {
                return;
            }
            try {
                closer.close();
            } catch (Exception e) {
                log.warn("closing the pool of {} failed", description, e);
            }
        }
    }
}
