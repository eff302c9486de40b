package dev.tabletalk.testkit.db;

/**
 * A server the tests may use, and how to let it go: stopping an embedded server or a container, nothing for a
 * service.
 *
 * @param server the server and its administrator
 * @param stop what {@link #close()} does
 */
public record RunningServer(DatabaseServer server, Runnable stop) implements AutoCloseable {

    /** A service that runs anyway: closing it does nothing. */
    static RunningServer service(DatabaseServer server) {
        return new RunningServer(server, () -> {});
    }

    @Override
    public void close() {
        stop.run();
    }
}
