package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.cli.ReplyOptions;
import dev.tabletalk.config.EffectiveConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.TargetConnections;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tabletalk serve}: the HTTP API over TableTalk. A command of the app, not of the CLI adapter: it starts
 * the HTTP adapter, which only the app may wire; {@link Main} adds it to the command line.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the HTTP API (POST /chat, GET /schema, /health, /metrics, /openapi.json) and the web console at /.",
            "Settings: flags > TABLETALK_* environment variables > --config FILE (./tabletalk.yaml) > defaults.",
            "Identity (--auth): dev = the unsigned X-User-Context header (loopback only); jwt = a Bearer token "
                    + "(TABLETALK_JWT_ISSUER, TABLETALK_JWT_AUDIENCE and TABLETALK_JWT_SECRET or TABLETALK_JWT_JWKS); "
                    + "hmac = the signed context header (TABLETALK_HMAC_KEYS). The operator routes, with "
                    + "Authorization: Bearer $TABLETALK_ADMIN_TOKEN, exist only when TABLETALK_ADMIN_TOKEN is set: "
                    + "POST /admin/connect (switch the database, to the --allow-connect targets), GET/POST "
                    + "/admin/read-only and POST /admin/reload (see tabletalk admin). Ctrl-C stops the server."
        })
final class ServeCommand implements Callable<Integer> {

    private final Function<ServeSettings, CliServer> starter;
    private final SettingsAssembly assembly;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration file (default: ./tabletalk.yaml when it exists). Flags win over "
                    + "TABLETALK_* environment variables, which win over the file.")
    Path config;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "The database to administer (default: database.url of the file, or TABLETALK_DB_URL).")
    String database;

    @Option(names = "--demo", description = "Serve the embedded demo shop instead of --db.")
    boolean demo;

    @Option(
            names = "--planner",
            paramLabel = "SPEC",
            description = "rules, openai:MODEL, anthropic:MODEL or ollama:MODEL (default: planner.models, else rules).")
    String planner;

    @Option(
            names = "--audit-db",
            paramLabel = "URL",
            description = "The audit store (default: audit.url, else the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    @Option(
            names = "--session-store",
            paramLabel = "URL",
            description = "The shared session store of several servers: jdbc:postgresql:…, jdbc:mariadb:… or jdbc:h2:… "
                    + "(default: sessions.url, else this process's memory).")
    String sessionStore;

    @Option(names = "--host", description = "The address to bind (default: http.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "The port; 0 picks a free one (default: http.port, 8080).")
    Integer port;

    @Option(names = "--auth", paramLabel = "MODE", description = "dev, jwt or hmac (default: http.auth.mode, dev).")
    String auth;

    @Option(
            names = "--allow-connect",
            paramLabel = "HOST:PORT",
            split = ",",
            description = "The databases POST /admin/connect may switch to, as host:port (host AND port), e.g. "
                    + "db1.internal:5432,10.0.0.7:3306; TLS is required to hosts that are not loopback. The route "
                    + "exists only when TABLETALK_ADMIN_TOKEN (the operator token, admin.token) is set. "
                    + "Default: http.connectTargets, none.")
    List<String> allowConnect = new ArrayList<>();

    @Option(
            names = "--force-dev-auth",
            description = "Allow the unsigned dev identity on a non-loopback address (never in production).")
    boolean forceDev;

    @Mixin
    ReplyOptions replyOptions;

    /**
     * @param starter starts the server these settings ask for
     * @param assembly layers the file, the environment and the flags
     */
    ServeCommand(Function<ServeSettings, CliServer> starter, SettingsAssembly assembly) {
        this.starter = starter;
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<CliSettings.Flag> flags = new ArrayList<>();
        if (auth != null) {
            String mode = auth.strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("dev") && !mode.equals("jwt") && !mode.equals("hmac")) {
                throw new ConfigurationException("unknown --auth '" + auth + "': use dev, jwt or hmac");
            }
            flags.add(new CliSettings.Flag("http.auth.mode", "--auth", mode));
        }
        if (database != null && database.isBlank()) {
            throw new ConfigurationException("--db needs a URL, e.g. postgresql://user@host/db");
        }
        add(flags, "database.url", "--db", database);
        add(flags, "planner.models", "--planner", planner);
        add(flags, "audit.url", "--audit-db", auditDatabase);
        add(flags, "sessions.url", "--session-store", sessionStore);
        add(flags, "sessions.store", "--session-store", sessionStore == null ? null : "jdbc");
        add(flags, "http.host", "--host", host);
        add(flags, "http.port", "--port", port == null ? null : port.toString());
        if (forceDev) {
            flags.add(new CliSettings.Flag("http.auth.forceDevOnNonLoopback", "--force-dev-auth", "true"));
        }
        if (!allowConnect.isEmpty()) {
            for (String entry : allowConnect) {
                try {
                    TargetConnections.target(entry);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("--allow-connect takes host:port entries "
                            + "separated by commas, e.g. db1.internal:5432,10.0.0.7:3306");
                }
            }
            flags.add(new CliSettings.Flag("http.connectTargets", "--allow-connect", String.join(",", allowConnect)));
        }
        flags.addAll(replyOptions.flags());
        CliSettings target = new CliSettings(Optional.ofNullable(config), flags, demo, CliSettings.Progress.NONE);
        EffectiveConfig settings = assembly.load(target);
        if (!demo && settings.config().database().url().isEmpty()) {
            throw new ConfigurationException(
                    "no database: give --db URL, set TABLETALK_DB_URL or database.url in tabletalk.yaml (or --demo)");
        }
        ServeSettings serve = new ServeSettings(target, settings);
        Set<String> connectTargets = serve.connectTargets();
        PrintWriter out = spec.commandLine().getOut();
        try (CliServer server = starter.apply(serve)) {
            out.println(
                    "TableTalk serves " + server.address() + " (auth " + serve.auth() + ") · " + server.description()
                            + (connectTargets.isEmpty() ? "" : " · connect targets " + String.join(",", connectTargets))
                            + " · Ctrl-C stops it");
            out.println("Web console: " + server.address() + "/ (open it in a browser)");
            server.tenancies().misconfiguration().ifPresent(w -> out.println("WARNING: " + w));
            out.flush();
            server.awaitStop();
        }
        return 0; // the CLI's exit code for ok
    }

    private static void add(List<CliSettings.Flag> flags, String key, String name, String value) {
        if (value != null && !value.isBlank()) {
            flags.add(new CliSettings.Flag(key, name, value.strip()));
        }
    }
}
