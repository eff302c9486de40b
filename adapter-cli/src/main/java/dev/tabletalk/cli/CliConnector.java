package dev.tabletalk.cli;

/**
 * Opens TableTalk for one command. The app implements it with the launcher; tests may fake it.
 * The CLI itself never wires ports: it only talks to what {@link CliSession} offers.
 */
@FunctionalInterface
public interface CliConnector {

    /**
     * Opens a session of TableTalk with these settings.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException for bad settings (exit code 2)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or the
     *     audit store cannot be reached (exit code 5)
     */
    CliSession open(CliSettings settings);
}
