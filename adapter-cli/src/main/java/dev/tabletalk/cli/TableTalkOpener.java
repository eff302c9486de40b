package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.core.port.in.Diagnostics;
import java.util.List;
import java.util.Optional;

/**
 * Opens TableTalk for one command and hands the CLI core's inbound ports, as the HTTP adapter gets them.
 * The app implements it with the launcher; tests may fake it. The CLI itself never wires ports.
 */
@FunctionalInterface
public interface TableTalkOpener {

    /**
     * Opens TableTalk on a database with these settings; the command closes it when done.
     *
     * @throws ConfigurationException for bad settings (exit code 2)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or the audit store
     *     cannot be reached (exit code 5)
     */
    Opened<TableTalkPorts> open(CliSettings settings);

    /**
     * Checks target databases ({@code tabletalk doctor}); opens nothing that needs closing.
     *
     * @throws ConfigurationException when this build has no doctor
     */
    default Diagnostics diagnostics() {
        throw new ConfigurationException("this build has no doctor");
    }

    /**
     * Checks target databases with these settings' credentials and catalog options ({@code tabletalk doctor});
     * {@link #diagnostics()} by default.
     *
     * @throws ConfigurationException when this build has no doctor
     */
    default Diagnostics diagnostics(CliSettings settings) {
        return diagnostics();
    }

    /**
     * The target database's URL these settings give (the flag, else the file or the environment, as the opener
     * layers them); {@code tabletalk doctor} checks it.
     *
     * @throws ConfigurationException when no database is given
     */
    default String databaseUrl(CliSettings settings) {
        return settings.databaseUrl()
                .orElseThrow(() -> new ConfigurationException(
                        "no database: give --db URL or set TABLETALK_DB_URL " + "(or try 'tabletalk demo')"));
    }

    /**
     * Where these settings keep conversations, for {@code tabletalk doctor}: this process's memory, or the shared
     * session store's URL (never its password).
     */
    default String sessionStore(CliSettings settings) {
        return "this process's memory";
    }

    /**
     * The stores these settings share with other servers (the session store, the shared state), each checked by
     * opening one connection, for {@code tabletalk doctor}; none for a server that keeps everything in its own
     * memory (the default). Changes nothing in them.
     */
    default List<SharedStoreCheck> sharedStores(CliSettings settings) {
        return List.of();
    }

    /**
     * Opens the audit store these settings name ({@code --audit-db}, else the file or the environment), read-only;
     * the command closes it when done.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when it cannot be reached (exit code 5)
     */
    default Opened<AuditTrail> openAudit(CliSettings settings) {
        return openAudit(settings.flag("audit.url"));
    }

    /**
     * Opens the audit store, read-only; the command closes it when done.
     *
     * @param url the store's JDBC URL; empty for the embedded default file
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when it cannot be reached (exit code 5)
     */
    default Opened<AuditTrail> openAudit(Optional<String> url) {
        throw new ConfigurationException("this build has no audit commands");
    }
}
