package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.user.UserContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that opens TableTalk shares: database, identity, planner, audit store. */
public final class CommonOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration file (default: ./tabletalk.yaml when it exists). Flags win over "
                    + "TABLETALK_* environment variables, which win over the file.")
    Path config;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "The database to administer: a JDBC URL or e.g. postgresql://user@host/db "
                    + "(default: database.url of the file, or TABLETALK_DB_URL). The password is read from "
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
            description = "rules, openai:MODEL, anthropic:MODEL or ollama:MODEL, or a fallback chain separated by "
                    + "commas (default: planner.models of the file, else rules).")
    String planner;

    @Option(
            names = "--audit-db",
            paramLabel = "URL",
            description = "The audit store: jdbc:h2:…, jdbc:postgresql:… or jdbc:mariadb:… "
                    + "(default: audit.url of the file, else the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    @Option(
            names = "--session-store",
            paramLabel = "URL",
            description = "The session store several servers share: jdbc:postgresql:…, jdbc:mariadb:… or jdbc:h2:… "
                    + "(default: sessions.url of the file, else this process's memory).")
    String sessionStore;

    /** The caller, with this tenant when none was given. */
    public UserContext user(Optional<String> defaultTenant) {
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

    /**
     * Settings for a target database: given by --db, or by the file or the environment, which the app reads
     * (it says when there is none).
     */
    public CliSettings targetSettings() {
        if (database != null && database.isBlank()) {
            throw new ConfigurationException("--db needs a URL, e.g. postgresql://user@host/db");
        }
        return new CliSettings(Optional.ofNullable(config), flags(), false, CliSettings.Progress.NONE);
    }

    /** Settings for the embedded demo shop. */
    CliSettings demoSettings() {
        return new CliSettings(Optional.ofNullable(config), flags(), true, CliSettings.Progress.NONE);
    }

    /** The settings given as flags. */
    List<CliSettings.Flag> flags() {
        List<CliSettings.Flag> flags = new ArrayList<>();
        given(flags, "database.url", "--db", database);
        given(flags, "planner.models", "--planner", planner);
        given(flags, "audit.url", "--audit-db", auditDatabase);
        given(flags, "sessions.url", "--session-store", sessionStore);
        given(flags, "sessions.store", "--session-store", sessionStore == null ? null : "jdbc");
        return flags;
    }

    static void given(List<CliSettings.Flag> flags, String key, String name, String value) {
        if (value != null && !value.isBlank()) {
            flags.add(new CliSettings.Flag(key, name, value.strip()));
        }
    }
}
