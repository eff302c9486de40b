package dev.tabletalk.core.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The emergency switch: while on, every write preview and every confirm is refused at once
 * (invariant 10). Shared by the engine and the executor; switchable at runtime; thread-safe.
 *
 * <p>One process keeps the switch in memory ({@link #off()}, {@link #on()}). Several servers behind one load
 * balancer keep it in the store they share ({@link #sharedIn(Store)}), so that switching it on one server
 * switches every server: no process-local state decides whether a write may run.
 */
public final class ReadOnlyMode {

    /**
     * Where the switch is held when several servers share it. Implementations are thread-safe and answer
     * {@link #isOn()} from a read of the shared store no older than about a second; when the store cannot be read
     * they throw rather than guess (the write that asked is refused, saying the store is unavailable).
     */
    public interface Store {

        /**
         * Whether the switch is on, as the shared store holds it.
         *
         * @throws dev.tabletalk.core.error.DependencyUnavailableException when the shared store cannot be read
         */
        boolean isOn();

        /**
         * Puts the switch in this position for every server.
         *
         * @throws dev.tabletalk.core.error.DependencyUnavailableException when the shared store cannot be written
         */
        void set(boolean on);
    }

    private final Store store;

    private ReadOnlyMode(Store store) {
        this.store = store;
    }

    public static ReadOnlyMode off() {
        return new ReadOnlyMode(new LocalStore(false));
    }

    public static ReadOnlyMode on() {
        return new ReadOnlyMode(new LocalStore(true));
    }

    /** The switch held in a store several servers share. */
    public static ReadOnlyMode sharedIn(Store store) {
        return new ReadOnlyMode(Objects.requireNonNull(store, "store"));
    }

    /**
     * Whether writes are refused for read-only mode.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the switch is held in a shared store that
     *     cannot be read: the write that asked is refused all the same, and says why
     */
    public boolean isOn() {
        return store.isOn();
    }

    /**
     * Puts the switch in this position.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when a shared store cannot be written
     */
    public void set(boolean value) {
        store.set(value);
    }

    /** The switch of one process. */
    private static final class LocalStore implements Store {

        private final AtomicBoolean on;

        LocalStore(boolean initiallyOn) {
            this.on = new AtomicBoolean(initiallyOn);
        }

        @Override
        public boolean isOn() {
            return on.get();
        }

        @Override
        public void set(boolean value) {
            on.set(value);
        }
    }
}
