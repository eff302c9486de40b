package dev.tabletalk.cli;

import java.util.Objects;

/**
 * Something a {@link TableTalkOpener} opened for one command, and how to close it afterwards.
 *
 * @param ports what the command uses
 * @param closer closes what was opened; runs once per {@link #close()}
 * @param <T> the ports
 */
public record Opened<T>(T ports, Runnable closer) implements AutoCloseable {

    public Opened {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(closer, "closer");
    }

    /** Ports with nothing to close. */
    public static <T> Opened<T> of(T ports) {
        return new Opened<>(ports, () -> {});
    }

    @Override
    public void close() {
        closer.run();
    }
}
