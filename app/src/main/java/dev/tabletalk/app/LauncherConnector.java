package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.cli.Opened;
import dev.tabletalk.cli.SharedStoreCheck;
import dev.tabletalk.cli.TableTalkOpener;
import dev.tabletalk.cli.TableTalkPorts;
import dev.tabletalk.config.EffectiveConfig;
import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.core.port.in.Diagnostics;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.launcher.AuditStore;
import dev.tabletalk.launcher.DemoDatabase;
import dev.tabletalk.launcher.Doctor;
import dev.tabletalk.launcher.ReloadableSettings;
import dev.tabletalk.launcher.SettingsProblem;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.mcp.TableTalkMcp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens TableTalk for a CLI command, on the target database or on a fresh embedded demo shop, and hands the CLI
 * core's inbound ports; starts the HTTP server for {@code serve}, with the MCP Streamable HTTP transport at
 * {@code /mcp}. Every command's settings are layered here
 * (tabletalk.yaml &lt; environment &lt; flags, {@link SettingsAssembly}) and handed to the launcher and the HTTP
 * adapter as values.
 */
final class LauncherConnector implements TableTalkOpener {

    /** The target database's password, kept out of URLs and command lines. */
    static final String PASSWORD_VARIABLE = "TABLETALK_DB_PASSWORD";

    /** Where {@code serve} offers the MCP Streamable HTTP transport. */
    static final String MCP_PATH = "/mcp";

    private final SettingsAssembly assembly;

    LauncherConnector(SettingsAssembly assembly) {
        this.assembly = Objects.requireNonNull(assembly, "assembly");
    }

    private boolean hasPasswordVariable() {
        String value = assembly.environment().get(PASSWORD_VARIABLE);
        return value != null && !value.isEmpty();
    }

    @Override
    public Diagnostics diagnostics() {
        return Doctor.diagnostics(hasPasswordVariable() ? Optional.of(PASSWORD_VARIABLE) : Optional.empty());
    }

    @Override
    public Diagnostics diagnostics(CliSettings settings) {
        return TableTalk.builder().config(assembly.load(settings).config()).diagnostics();
    }

    @Override
    public String databaseUrl(CliSettings settings) {
        return targetUrl(assembly.load(settings).config());
    }

    @Override
    public String sessionStore(CliSettings settings) {
        TableTalkConfig.Sessions sessions = assembly.load(settings).config().sessions();
        return sessions.url()
                .map(url -> "shared store at " + Doctor.redactedUrl(url)
                        + sessions.user().map(user -> " as " + user).orElse(""))
                .orElse("this process's memory");
    }

    @Override
    public List<SharedStoreCheck> sharedStores(CliSettings settings) {
        TableTalkConfig config = assembly.load(settings).config();
        List<SharedStoreCheck> checks = new ArrayList<>();
        config.sessions()
                .url()
                .ifPresent(url -> checks.add(sharedStore(
                        "session store",
                        url,
                        config.sessions().user(),
                        config.sessions().password())));
        config.sharedState()
                .url()
                .ifPresent(url -> checks.add(sharedStore("shared state", url, Optional.empty(), Optional.empty())));
        return checks;
    }

    private static SharedStoreCheck sharedStore(
            String name, String url, Optional<String> user, Optional<String> password) {
        Optional<String> unreachable = Doctor.unreachableStore(url, user, password);
        return new SharedStoreCheck(
                name,
                Doctor.redactedUrl(url) + user.map(u -> " as " + u).orElse(""),
                unreachable.isEmpty(),
                unreachable.orElse("reachable"));
    }

    @Override
    public Opened<AuditTrail> openAudit(CliSettings settings) {
        return openAudit(assembly.load(settings).config().audit().url());
    }

    @Override
    public Opened<AuditTrail> openAudit(Optional<String> url) {
        AuditStore store = url.map(AuditStore::open).orElseGet(AuditStore::openDefault);
        return new Opened<>(store, store::close);
    }

    /** Starts the HTTP server over TableTalk with these settings ({@code tabletalk serve}). */
    CliServer serve(ServeSettings settings) {
        TableTalkConfig config = settings.settings().config();
        Optional<String> adminToken = config.admin().token();
        LauncherSession session = open(
                settings.target(), settings.settings(), adminToken.isPresent() ? settings.connectTargets() : Set.of());
        try {
            TableTalkConfig.Http http = config.http();
            HttpConfig.Builder builder = HttpAuthSettings.auth(HttpConfig.builder(), http.auth())
                    .host(http.host())
                    .port(http.port())
                    .userRateLimit(new HttpConfig.RateLimit(
                            http.rateLimits().perUser().requests(),
                            http.rateLimits().perUser().period()))
                    .tenantRateLimit(new HttpConfig.RateLimit(
                            http.rateLimits().perTenant().requests(),
                            http.rateLimits().perTenant().period()))
                    .maxBodyBytes(Math.toIntExact(http.maxBodyBytes()))
                    .maxContextHeaderBytes(Math.toIntExact(http.maxContextHeaderBytes()))
                    .timeouts(new HttpConfig.RequestTimeouts(
                            http.timeouts().idle(),
                            http.timeouts().body(),
                            http.timeouts().minBytesPerSecond(),
                            http.timeouts().headers()))
                    .authFailureAudit(new HttpConfig.AuthFailureAudit(
                            http.authFailureAudit().perSource(),
                            http.authFailureAudit().window()))
                    .connectTargets(settings.connectTargets())
                    .threads(http.threads());
            adminToken.ifPresent(builder::adminToken);
            HttpConfig httpConfig = builder.build();
            // the /admin routes exist only with the operator token (HttpConfig); /health reports read-only always
            // with sharedState.url the rate limits hold across every server, else each keeps its own in memory
            HttpServer server = session.rateLimitBuckets()
                    .map(buckets -> HttpServer.create(
                            session.conversations(),
                            session.catalogView(),
                            session.securityEvents(),
                            httpConfig,
                            session.targetConnections(),
                            session.operatorControls(),
                            buckets))
                    .orElseGet(() -> HttpServer.create(
                            session.conversations(),
                            session.catalogView(),
                            session.securityEvents(),
                            httpConfig,
                            session.targetConnections(),
                            session.operatorControls()))
                    // MCP clients at /mcp, behind the same identity check, rate limits and audit as /chat
                    .mount(
                            MCP_PATH,
                            "mcp",
                            "The MCP endpoint: the Model Context Protocol's Streamable HTTP transport, with the "
                                    + "tools tabletalk_chat and tabletalk_schema",
                            TableTalkMcp.create(session.conversations(), session.catalogView(), "0.1.0")
                                    .streamableHttp(MCP_PATH, HttpServer::verifiedCaller))
                    .start();
            return new HttpServing(server, session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public Opened<TableTalkPorts> open(CliSettings settings) {
        LauncherSession session = open(settings, assembly.load(settings), Set.of());
        return new Opened<>(session.ports(), session::close);
    }

    private static String targetUrl(TableTalkConfig config) {
        return config.database()
                .url()
                .orElseThrow(() -> new ConfigurationException("no database: give --db URL, set TABLETALK_DB_URL or "
                        + "database.url in tabletalk.yaml (or try 'tabletalk demo')"));
    }

    /** Opens TableTalk; {@code connectTargets} are the host:port its target may be switched to (none: never). */
    private LauncherSession open(CliSettings settings, EffectiveConfig effective, Set<String> connectTargets) {
        TableTalkConfig config = effective.config();
        String planner = String.join(",", config.planner().models());
        TableTalk.Builder builder = TableTalk.builder()
                .config(config)
                .catalogProgress(settings.progress()::step)
                .connectTargets(connectTargets)
                // a reload (POST /admin/reload) reads the file and the environment again; a file that does not
                // validate throws, and the running settings stay
                .settingsSource(
                        () -> ReloadableSettings.of(assembly.load(settings).config()));
        if (!settings.demo()) {
            targetUrl(config); // config(...) set it, with its user and password
            return new LauncherSession(build(builder, effective), null, "planner " + planner);
        }
        DemoDatabase demo = DemoDatabase.inMemory();
        try {
            TableTalk tableTalk =
                    build(builder.targetDatabase(demo.url()).catalogOptions(demo.catalogOptions()), effective);
            return new LauncherSession(
                    tableTalk, demo, "demo shop in memory (changes end when TableTalk stops) · planner " + planner);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /**
     * Builds TableTalk; when the file's names do not fit the database, the error names the file, line and key of
     * each problem, as {@code tabletalk config validate} does (the check runs only then).
     */
    private static TableTalk build(TableTalk.Builder builder, EffectiveConfig effective) {
        try {
            return builder.build();
        } catch (ConfigurationException e) {
            if (effective.file().isEmpty()) {
                throw e;
            }
            List<SettingsProblem> problems;
            try {
                problems = builder.checkAgainstDatabase();
            } catch (RuntimeException unchecked) {
                throw e;
            }
            if (problems.isEmpty()) {
                throw e;
            }
            throw new ConfigurationException(problems.stream()
                    .map(problem -> effective
                                    .fileLine(problem.key())
                                    .map(at -> at.file() + ":" + at.line() + ": ")
                                    .orElse("")
                            + problem)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
    }
}
