package dev.tabletalk.launcher;

import dev.tabletalk.core.port.out.SchemaCatalog;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The target database that new turns run on, and switching it: {@link #switchTo} makes another target current
 * and retires the one it replaces, whose pool closes when its running turns finish; {@link #rewire} does the same
 * with the current database on new settings. Switching and {@link #close()} share one lock, so that a closed
 * TableTalk never gets a new target. Operator acts that build a target (connect, reload) run one at a time under
 * {@link #operatorActs()}, so that a connect never brings back the settings a reload replaced. Thread-safe.
 */
final class Targets {

    private final AtomicReference<TargetWiring> wiring;
    private final AtomicReference<TargetStack> current;
    private final Object operatorActs = new Object();
    private boolean closed;

    Targets(TargetWiring wiring, TargetStack first) {
        this.wiring = new AtomicReference<>(Objects.requireNonNull(wiring, "wiring"));
        this.current = new AtomicReference<>(Objects.requireNonNull(first, "first"));
    }

    /** What every target shares, as the latest reload left it. */
    TargetWiring wiring() {
        return wiring.get();
    }

    /** The lock of operator acts that build a target: hold it from reading {@link #wiring()} to switching. */
    Object operatorActs() {
        return operatorActs;
    }

    /** The current target, not entered (for what touches no pool it might close, or only the schema). */
    TargetStack current() {
        return current.get();
    }

    /** The current target, entered for one turn; {@link TargetStack#leave()} it when the turn ends. */
    TargetStack enter() {
        while (true) {
            TargetStack target = current.get();
            if (target.enter()) {
                return target;
            }
        }
    }

    /** A new target on the same audit log, planner, limits, roles, read-only switch and sessions. */
    TargetStack stackFor(long generation, TargetPools pools, SchemaCatalog catalog, String description) {
        return wiring.get().stack(generation, pools, catalog, description);
    }

    /**
     * Makes {@code next} the wiring of every target from now on and rebuilds the current target on it (same
     * database, catalog, pool and sessions): turns already running finish on the old settings, new turns get
     * the new ones. Call it holding {@link #operatorActs()}.
     *
     * @return false when closed (nothing changes)
     */
    boolean rewire(TargetWiring next) {
        synchronized (current) {
            if (closed) {
                return false;
            }
            TargetStack rebuilt = next.restack(current.get());
            wiring.set(next);
            current.getAndSet(rebuilt).retire();
            return true;
        }
    }

    /**
     * Makes {@code next} the target of new turns and retires the one it replaces, running {@code beforeSwitch} once the
     * switch is sure to happen and before any turn can see {@code next}: what it records (a status) is then never
     * behind what a turn was answered from.
     *
     * @return false when closed (then {@code next} is closed here and {@code beforeSwitch} is not run)
     */
    boolean switchTo(TargetStack next, Runnable beforeSwitch) {
        synchronized (current) {
            if (closed) {
                next.closeNow();
                return false;
            }
            beforeSwitch.run();
            current.getAndSet(next).retire();
            return true;
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        synchronized (current) {
            return closed;
        }
    }

    /** Closes the current target's pool at once; no target is switched to afterwards. */
    void close() {
        synchronized (current) {
            closed = true;
            current.get().closeNow();
        }
    }
}
