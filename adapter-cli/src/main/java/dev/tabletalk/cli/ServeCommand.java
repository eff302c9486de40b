package dev.tabletalk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabletalk serve}: the HTTP API over TableTalk. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API: POST /chat, GET /schema, /health, /metrics, /openapi.json.",
            "Identity (--auth): dev = the unsigned X-User-Context header (loopback only); jwt = a Bearer token "
                + "(TABLETALK_JWT_ISSUER, TABLETALK_JWT_AUDIENCE and TABLETALK_JWT_SECRET or TABLETALK_JWT_JWKS); "
                + "hmac = the signed context header (TABLETALK_HMAC_KEYS). POST /connect (admins switch the "
                + "database) only with --allow-connect. Ctrl-C stops the server."})
final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:TABLETALK_DB_URL}",
            description = "The database to administer (default: the TABLETALK_DB_URL environment variable).")
    String database;

    @Option(names = "--demo", description = "Serve the embedded demo shop instead of --db.")
    boolean demo;

    @Option(names = "--planner", paramLabel = "SPEC", defaultValue = "rules",
            description = "rules, openai:MODEL, anthropic:MODEL or ollama:MODEL (default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--audit-db", paramLabel = "URL",
            description = "The audit store (default: the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080",
            description = "The port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--auth", defaultValue = "dev", paramLabel = "MODE",
            description = "dev, jwt or hmac (default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--allow-connect", paramLabel = "HOST", split = ",",
            description = "Turn on POST /connect (admins switch the served database) for these database hosts "
                    + "only, e.g. db1.internal,10.0.0.7. Off by default.")
    List<String> allowConnect = new ArrayList<>();

    @Option(names = "--force-dev-auth",
            description = "Allow the unsigned dev identity on a non-loopback address (never in production).")
    boolean forceDev;

    @Mixin
    ReplyOptions replyOptions;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        String mode = auth.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("dev") && !mode.equals("jwt") && !mode.equals("hmac")) {
            throw new dev.tabletalk.core.error.ConfigurationException("unknown --auth '" + auth
                    + "': use dev, jwt or hmac");
        }
        Optional<String> audit = Optional.ofNullable(auditDatabase).map(String::strip).filter(u -> !u.isEmpty());
        CliSettings target;
        if (demo) {
            target = new CliSettings(Optional.empty(), true, planner, audit, CliSettings.Progress.NONE);
        } else {
            Optional<String> url = Optional.ofNullable(database).map(String::strip).filter(u -> !u.isEmpty());
            if (url.isEmpty()) {
                throw new dev.tabletalk.core.error.ConfigurationException("no database: give --db URL or set "
                        + "TABLETALK_DB_URL (or --demo)");
            }
            target = new CliSettings(url, false, planner, audit, CliSettings.Progress.NONE);
        }
        target = target.withReplyLimits(replyOptions.replyLimits());
        PrintWriter out = spec.commandLine().getOut();
        Set<String> connectHosts = new LinkedHashSet<>();
        for (String entry : allowConnect) {
            String hostName = entry.strip().toLowerCase(Locale.ROOT);
            if (hostName.isEmpty() || !hostName.matches("[a-z0-9.:_\\[\\]-]+")) {
                throw new dev.tabletalk.core.error.ConfigurationException("--allow-connect takes host names or "
                        + "addresses separated by commas, e.g. db1.internal,10.0.0.7");
            }
            connectHosts.add(hostName.startsWith("[") && hostName.endsWith("]")
                    ? hostName.substring(1, hostName.length() - 1) : hostName);
        }
        try (CliServer server = context.connector().serve(new ServeSettings(target, host, port, mode, forceDev,
                connectHosts))) {
            out.println("TableTalk serves " + server.address() + " (auth " + mode + ") · " + server.description()
                    + (connectHosts.isEmpty() ? "" : " · POST /connect on for " + String.join(",", connectHosts))
                    + " · Ctrl-C stops it");
            out.flush();
            server.awaitStop();
        }
        return CliExitCodes.OK;
    }
}
