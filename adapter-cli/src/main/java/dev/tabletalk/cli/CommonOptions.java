package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.user.UserContext;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that opens TableTalk shares: database, identity, planner, audit store. */
final class CommonOptions {

    @Option(
            names = "--db",
            paramLabel = "URL",
            defaultValue = "${env:TABLETALK_DB_URL}",
            description = "The database to administer: a JDBC URL or e.g. postgresql://user@host/db "
                    + "(default: the TABLETALK_DB_URL environment variable). The password is read from "
                    + "TABLETALK_DB_PASSWORD when set.")
    String database;

    @Option(
            names = "--user",
            paramLabel = "ID",
            defaultValue = "local",
            description = "Who asks (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = "--role",
            paramLabel = "ROLE",
            defaultValue = "editor",
            description = "The role the policy knows the user by: viewer, editor or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(
            names = "--tenant",
            paramLabel = "ID",
            description = "The user's tenant: the value forced on the tenant column (default: none).")
    String tenant;

    @Option(
            names = "--planner",
            paramLabel = "SPEC",
            defaultValue = "rules",
            description = "rules, openai:MODEL, anthropic:MODEL or ollama:MODEL (default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(
            names = "--audit-db",
            paramLabel = "URL",
            description = "The audit store: jdbc:h2:…, jdbc:postgresql:… or jdbc:mariadb:… "
                    + "(default: the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    /** The caller, with this tenant when none was given. */
    UserContext user(Optional<String> defaultTenant) {
        if (user == null || user.isBlank()) {
            throw new ConfigurationException("--user needs a non-empty id");
        }
        if (role == null || role.isBlank()) {
            throw new ConfigurationException("--role needs a non-empty role, e.g. editor");
        }
        Optional<String> chosen = Optional.ofNullable(tenant)
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .or(() -> defaultTenant);
        return new UserContext(user.strip(), role.strip(), chosen, Map.of("channel", "cli"));
    }

    /** Settings for a target database given by --db or TABLETALK_DB_URL. */
    CliSettings targetSettings() {
        Optional<String> url = Optional.ofNullable(database).map(String::strip).filter(u -> !u.isEmpty());
        if (url.isEmpty()) {
            throw new ConfigurationException(
                    "no database: give --db URL or set TABLETALK_DB_URL " + "(or try 'tabletalk demo')");
        }
        return new CliSettings(url, false, planner, audit(), CliSettings.Progress.NONE);
    }

    /** Settings for the embedded demo shop. */
    CliSettings demoSettings() {
        return new CliSettings(Optional.empty(), true, planner, audit(), CliSettings.Progress.NONE);
    }

    private Optional<String> audit() {
        return Optional.ofNullable(auditDatabase).map(String::strip).filter(u -> !u.isEmpty());
    }
}
