package dev.tabletalk.cli;

/**
 * Opens TableTalk for one command. The app implements it with the launcher; tests may fake it.
 * The CLI itself never wires ports: it only talks to what {@link CliSession} offers.
 */
public interface CliConnector {

    /**
     * Opens a session of TableTalk with these settings.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException for bad settings (exit code 2)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or the
     *     audit store cannot be reached (exit code 5)
     */
    CliSession open(CliSettings settings);

    /**
     * Opens the audit store, read-only.
     *
     * @param url the store's JDBC URL; empty for the embedded default file
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when it cannot be reached (exit code 5)
     */
    /**
     * Starts the HTTP server over TableTalk with these settings.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException for bad settings, e.g. missing keys (exit code 2)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or the audit store
     *     cannot be reached (exit code 5)
     */
    default CliServer serve(ServeSettings settings) {
        throw new dev.tabletalk.core.error.ConfigurationException("this build has no HTTP server");
    }

    /**
     * Checks a target database: connection, server, TLS, privileges; changes nothing.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the schema cannot be read
     */
    default DoctorView doctor(String databaseUrl) {
        throw new dev.tabletalk.core.error.ConfigurationException("this build has no doctor");
    }

    default CliAudit openAudit(java.util.Optional<String> url) {
        throw new dev.tabletalk.core.error.ConfigurationException("this build has no audit commands");
    }
}
