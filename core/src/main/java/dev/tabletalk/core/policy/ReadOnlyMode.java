package dev.tabletalk.core.policy;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The emergency switch: while on, every write preview and every confirm is refused at once
 * (invariant 10). Shared by the engine and the executor; switchable at runtime; thread-safe.
 */
public final class ReadOnlyMode {

    private final AtomicBoolean on;

    private ReadOnlyMode(boolean initiallyOn) {
        this.on = new AtomicBoolean(initiallyOn);
    }

    public static ReadOnlyMode off() {
        return new ReadOnlyMode(false);
    }

    public static ReadOnlyMode on() {
        return new ReadOnlyMode(true);
    }

    public boolean isOn() {
        return on.get();
    }

    public void set(boolean value) {
        on.set(value);
    }
}
