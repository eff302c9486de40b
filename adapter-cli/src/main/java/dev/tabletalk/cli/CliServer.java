package dev.tabletalk.cli;

/** A running HTTP server started by {@link CliConnector#serve}. */
public interface CliServer extends AutoCloseable {

    /** Where it listens, e.g. {@code http://127.0.0.1:8080}. */
    String address();

    /** One line saying what it serves, e.g. the database and planner. */
    String description();

    /** The tenancy of each entity, for the warning when no table has the tenant column. */
    dev.tabletalk.core.catalog.Tenancies tenancies();

    /** Blocks until the server stops (Ctrl-C stops it). */
    void awaitStop() throws InterruptedException;

    /** Stops the server and closes what it opened. */
    @Override
    void close();
}
