package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.cli.ReplyOptions;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.TargetConnections;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
            "Serve the HTTP API: POST /chat, GET /schema, /health, /metrics, /openapi.json.",
            "Identity (--auth): dev = the unsigned X-User-Context header (loopback only); jwt = a Bearer token "
                    + "(TABLETALK_JWT_ISSUER, TABLETALK_JWT_AUDIENCE and TABLETALK_JWT_SECRET or TABLETALK_JWT_JWKS); "
                    + "hmac = the signed context header (TABLETALK_HMAC_KEYS). The operator routes, with "
                    + "Authorization: Bearer $TABLETALK_ADMIN_TOKEN, exist only when TABLETALK_ADMIN_TOKEN is set: "
                    + "POST /admin/connect (switch the database, to the --allow-connect targets), GET/POST "
                    + "/admin/read-only and POST /admin/reload (see tabletalk admin). Ctrl-C stops the server."
        })
final class ServeCommand implements Callable<Integer> {

    private final Function<ServeSettings, CliServer> starter;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "URL",
            defaultValue = "${env:TABLETALK_DB_URL}",
            description = "The database to administer (default: the TABLETALK_DB_URL environment variable).")
    String database;

    @Option(names = "--demo", description = "Serve the embedded demo shop instead of --db.")
    boolean demo;

    @Option(
            names = "--planner",
            paramLabel = "SPEC",
            defaultValue = "rules",
            description = "rules, openai:MODEL, anthropic:MODEL or ollama:MODEL (default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(
            names = "--audit-db",
            paramLabel = "URL",
            description = "The audit store (default: the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "The port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--auth",
            defaultValue = "dev",
            paramLabel = "MODE",
            description = "dev, jwt or hmac (default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(
            names = "--allow-connect",
            paramLabel = "HOST:PORT",
            split = ",",
            description = "The databases POST /admin/connect may switch to, as host:port (host AND port), e.g. "
                    + "db1.internal:5432,10.0.0.7:3306; TLS is required to hosts that are not loopback. The route "
                    + "exists only when TABLETALK_ADMIN_TOKEN (the operator token) is set. None by default.")
    List<String> allowConnect = new ArrayList<>();

    @Option(
            names = "--force-dev-auth",
            description = "Allow the unsigned dev identity on a non-loopback address (never in production).")
    boolean forceDev;

    @Mixin
    ReplyOptions replyOptions;

    /** @param starter starts the server these settings ask for */
    ServeCommand(Function<ServeSettings, CliServer> starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws InterruptedException {
        String mode = auth.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("dev") && !mode.equals("jwt") && !mode.equals("hmac")) {
            throw new ConfigurationException("unknown --auth '" + auth + "': use dev, jwt or hmac");
        }
        Optional<String> audit =
                Optional.ofNullable(auditDatabase).map(String::strip).filter(u -> !u.isEmpty());
        CliSettings target;
        if (demo) {
            target = new CliSettings(Optional.empty(), true, planner, audit, CliSettings.Progress.NONE);
        } else {
            Optional<String> url =
                    Optional.ofNullable(database).map(String::strip).filter(u -> !u.isEmpty());
            if (url.isEmpty()) {
                throw new ConfigurationException("no database: give --db URL or set " + "TABLETALK_DB_URL (or --demo)");
            }
            target = new CliSettings(url, false, planner, audit, CliSettings.Progress.NONE);
        }
        target = target.withReplyLimits(replyOptions.replyLimits());
        PrintWriter out = spec.commandLine().getOut();
        Set<String> connectTargets = new LinkedHashSet<>();
        for (String entry : allowConnect) {
            try {
                connectTargets.add(TargetConnections.target(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--allow-connect takes host:port entries "
                        + "separated by commas, e.g. db1.internal:5432,10.0.0.7:3306");
            }
        }
        try (CliServer server = starter.apply(new ServeSettings(target, host, port, mode, forceDev, connectTargets))) {
            out.println("TableTalk serves " + server.address() + " (auth " + mode + ") · " + server.description()
                    + (connectTargets.isEmpty() ? "" : " · connect targets " + String.join(",", connectTargets))
                    + " · Ctrl-C stops it");
            server.tenancies().misconfiguration().ifPresent(w -> out.println("WARNING: " + w));
            out.flush();
            server.awaitStop();
        }
        return 0; // the CLI's exit code for ok
    }
}
