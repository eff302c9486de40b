package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.cli.Opened;
import dev.tabletalk.cli.TableTalkOpener;
import dev.tabletalk.cli.TableTalkPorts;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.core.port.in.Diagnostics;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.launcher.AuditStore;
import dev.tabletalk.launcher.DemoDatabase;
import dev.tabletalk.launcher.Doctor;
import dev.tabletalk.launcher.TableTalk;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Opens TableTalk for a CLI command, on the target database or on a fresh embedded demo shop, and hands the CLI
 * core's inbound ports; starts the HTTP server for {@code serve}.
 */
final class LauncherConnector implements TableTalkOpener {

    /** The target database's password, kept out of URLs and command lines. */
    static final String PASSWORD_VARIABLE = "TABLETALK_DB_PASSWORD";
    /** The operator token: turns the /admin routes on (connect, read-only, reload). Read here: adapters never read the environment. */
    static final String ADMIN_TOKEN_VARIABLE = "TABLETALK_ADMIN_TOKEN";

    private static boolean hasPasswordVariable() {
        String value = System.getenv(PASSWORD_VARIABLE);
        return value != null && !value.isEmpty();
    }

    @Override
    public Diagnostics diagnostics() {
        return Doctor.diagnostics(hasPasswordVariable() ? Optional.of(PASSWORD_VARIABLE) : Optional.empty());
    }

    @Override
    public Opened<AuditTrail> openAudit(Optional<String> url) {
        AuditStore store = url.map(AuditStore::open).orElseGet(AuditStore::openDefault);
        return new Opened<>(store, store::close);
    }

    /** Starts the HTTP server over TableTalk with these settings ({@code tabletalk serve}). */
    CliServer serve(ServeSettings settings) {
        String adminToken = System.getenv(ADMIN_TOKEN_VARIABLE);
        boolean connect = adminToken != null && !adminToken.isBlank();
        LauncherSession session = open(settings.target(), connect ? settings.connectTargets() : Set.of());
        try {
            HttpConfig config = HttpAuthEnvironment.auth(
                            HttpConfig.builder(),
                            AuthMode.valueOf(settings.auth().toUpperCase(Locale.ROOT)),
                            System.getenv())
                    .host(settings.host())
                    .port(settings.port())
                    .forceDevOnNonLoopback(settings.forceDevOnNonLoopback())
                    .adminToken(adminToken)
                    .connectTargets(settings.connectTargets())
                    .build();
            // the /admin routes exist only with the operator token (HttpConfig); /health reports read-only always
            HttpServer server = HttpServer.create(
                            session.conversations(),
                            session.catalogView(),
                            session.securityEvents(),
                            config,
                            session.targetConnections(),
                            session.operatorControls())
                    .start();
            return new HttpServing(server, session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public Opened<TableTalkPorts> open(CliSettings settings) {
        LauncherSession session = open(settings, Set.of());
        return new Opened<>(session.ports(), session::close);
    }

    /** Opens TableTalk; {@code connectTargets} are the host:port its target may be switched to (none: never). */
    private LauncherSession open(CliSettings settings, Set<String> connectTargets) {
        TableTalk.Builder builder = TableTalk.builder()
                .planner(settings.planner())
                .catalogProgress(settings.progress()::step)
                .replyLimits(settings.replyLimits())
                .connectTargets(connectTargets);
        settings.auditUrl().ifPresent(builder::auditStore);
        if (!settings.demo()) {
            builder.targetDatabase(settings.databaseUrl().orElseThrow());
            if (hasPasswordVariable()) {
                builder.targetPasswordFromEnv(PASSWORD_VARIABLE);
            }
            return new LauncherSession(builder.build(), null, "planner " + settings.planner());
        }
        DemoDatabase demo = DemoDatabase.inMemory();
        try {
            TableTalk tableTalk = builder.targetDatabase(demo.url())
                    .catalogOptions(demo.catalogOptions())
                    .build();
            return new LauncherSession(
                    tableTalk,
                    demo,
                    "demo shop in memory (changes end when TableTalk stops) · planner " + settings.planner());
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }
}
