package dev.tabletalk.app;

import dev.tabletalk.core.catalog.Tenancies;

/** A running HTTP server started for {@code tabletalk serve} ({@link LauncherConnector#serve}). */
public interface CliServer extends AutoCloseable {

    /** Where it listens, e.g. {@code http://127.0.0.1:8080}. */
    String address();

    /** One line saying what it serves, e.g. the database and planner. */
    String description();

    /** The tenancy of each entity, for the warning when no table has the tenant column. */
    Tenancies tenancies();

    /** Blocks until the server stops (Ctrl-C stops it). */
    void awaitStop() throws InterruptedException;

    /** Stops the server and closes what it opened. */
    @Override
    void close();
}
