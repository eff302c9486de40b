package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome.Reason;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TargetConnections} over the {@link Targets} of a {@link TableTalk}: checks that the caller is the operator, the URL, the
 * {@code host:port} allowlist and TLS off loopback before any network access, then checks the connection, reads
 * the schema and switches. One operator act (connect or reload) at a time. The server's own password is never attached to a URL the
 * caller chose: credentials come from the URL only. Every call is recorded in the audit log as the operator's,
 * at the injected clock's time; never the URL as given (it may hold a password).
 */
final class Connections implements TargetConnections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    static final String ROUTE = "POST /admin/connect";
    static final String FAILED_MESSAGE = "The database could not be reached, or it refused the login. Nothing "
            + "was changed. Check the URL, the port and the credentials; the server log has the details.";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Every failed connect answers no sooner than this after it started, so that neither the message nor the
     * time tells a closed port (fast) from a silent host (the timeout) or a bad password.
     */
    static final Duration FAILURE_FLOOR = CHECK_TIMEOUT;

    private final Targets targets;
    private final Set<String> allowedTargets;
    private final Clock clock;
    private final AtomicLong generations = new AtomicLong(SwitchSessions.FIRST_TARGET);
    private final boolean severalServers;

    /**
     * @param severalServers whether this server shares a store with others: then a connect is refused, since it
     *     would switch this server only and leave the others answering from the old database
     */
    Connections(Targets targets, Set<String> allowedTargets, Clock clock, boolean severalServers) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.allowedTargets = Set.copyOf(allowedTargets);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.severalServers = severalServers;
    }

    @Override
    public ConnectOutcome connect(String url, UserContext caller) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caller, "caller");
        Instant started = clock.now();
        long startedNanos = System.nanoTime();
        if (!TargetConnections.isOperator(caller)) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    "(not read)",
                    Reason.FORBIDDEN,
                    RefusalCode.ROLE_FORBIDS,
                    "Only the operator may connect databases; a tenant's identity never does.");
        }
        if (severalServers) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    "(not read)",
                    Reason.SEVERAL_SERVERS,
                    RefusalCode.ROLE_FORBIDS,
                    "This server shares its state with other servers (sharedState.url), and a connect would switch "
                            + "this one only. Set database.url in the configuration of every server and restart "
                            + "them one by one.");
        }
        TargetUrl target;
        try {
            target = TargetUrl.parse(url);
        } catch (ConfigurationException e) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    "(unsupported URL)",
                    Reason.UNSUPPORTED_URL,
                    RefusalCode.NOT_UNDERSTOOD,
                    "Give a database URL that names one host, such as mariadb://user@host:3306/db or "
                            + "postgresql://user@host:5432/db; only the options user, password, ssl, "
                            + "sslmode, connectTimeout, socketTimeout, loginTimeout, ApplicationName, currentSchema "
                            + "and tcpKeepAlive are accepted.");
        }
        if (target.target().isEmpty()
                || !allowedTargets.contains(target.target().get())) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    target.description(),
                    Reason.HOST_NOT_ALLOWED,
                    RefusalCode.ROLE_FORBIDS,
                    "That host and port are not on the server's allowlist of databases.");
        }
        if (!target.loopback() && !target.tls()) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    target.description(),
                    Reason.TLS_REQUIRED,
                    RefusalCode.NOT_UNDERSTOOD,
                    "A database that is not on this machine is reached only over "
                            + "TLS: add sslmode=verify-full (PostgreSQL) or sslMode=verify-full (MariaDB) to the URL.");
        }
        synchronized (targets.operatorActs()) {
            if (targets.isClosed()) {
                return new ConnectOutcome.Refused(Reason.CONNECTION_FAILED, FAILED_MESSAGE);
            }
            return open(target, caller, started, startedNanos);
        }
    }

    private ConnectOutcome open(TargetUrl target, UserContext caller, Instant started, long startedNanos) {
        // only the URL's own credentials: the server's password never goes to a URL the caller chose (PUB-108)
        ConnectionSpec spec = target.spec();
        ConnectionCheck.Result check = ConnectionCheck.run(spec, CHECK_TIMEOUT);
        if (!check.ok()) {
            // the details stay in the server log: the caller learns nothing about the network
            log.info(
                    "connect to {} failed: {}",
                    target.description(),
                    check.problem().orElse(null));
            return failed(caller, started, startedNanos, target);
        }
        TargetPools pools = TargetPools.open(spec);
        TargetStack next;
        int exposed;
        try {
            SchemaCatalog catalog =
                    JdbcSchemaCatalog.create(pools.catalog(), targets.wiring().catalogOptions());
            EntityCatalog loaded = catalog.current();
            exposed = loaded.exposedEntities().size();
            next = targets.stackFor(generations.incrementAndGet(), pools, catalog, target.description());
        } catch (RuntimeException e) {
            closeQuietly(pools);
            log.info(
                    "connect to {} failed while reading the schema: {}",
                    target.description(),
                    e.getClass().getSimpleName());
            return failed(caller, started, startedNanos, target);
        }
        try {
            targets.wiring()
                    .auditLog()
                    .append(event(
                            caller,
                            started,
                            startedNanos,
                            "connected " + target.description() + " (" + exposed + " exposed entities)",
                            AuditEvent.Outcome.OK,
                            Optional.empty()));
        } catch (DependencyUnavailableException e) {
            next.closeNow();
            log.error("audit store unavailable; connect to {} refused", target.description(), e);
            return new ConnectOutcome.Refused(
                    Reason.AUDIT_UNAVAILABLE,
                    "The audit store is unavailable, so nothing was changed; try again shortly.");
        }
        if (!targets.switchTo(next)) {
            return new ConnectOutcome.Refused(Reason.CONNECTION_FAILED, FAILED_MESSAGE);
        }
        log.info("target database switched to {} by {}", target.description(), caller.userId());
        return new ConnectOutcome.Connected(target.description(), exposed);
    }

    private ConnectOutcome failed(UserContext caller, Instant started, long startedNanos, TargetUrl target) {
        long wait = FAILURE_FLOOR.toMillis()
                - Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return refused(
                caller,
                started,
                startedNanos,
                target.description(),
                Reason.CONNECTION_FAILED,
                RefusalCode.DATABASE_UNAVAILABLE,
                FAILED_MESSAGE);
    }

    private ConnectOutcome refused(
            UserContext caller,
            Instant started,
            long startedNanos,
            String what,
            Reason reason,
            RefusalCode code,
            String message) {
        try {
            targets.wiring()
                    .auditLog()
                    .append(event(
                            caller,
                            started,
                            startedNanos,
                            what + ": " + reason.code(),
                            AuditEvent.Outcome.REFUSED,
                            Optional.of(code)));
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; refused connect ({}) not recorded", reason.code(), e);
        }
        return new ConnectOutcome.Refused(reason, message);
    }

    private static AuditEvent event(
            UserContext caller,
            Instant started,
            long startedNanos,
            String what,
            AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        return new AuditEvent(
                started,
                "-",
                caller,
                "(" + ROUTE + ": " + what + ")",
                AuditEvent.Action.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                outcome,
                code,
                0,
                Duration.ofNanos(System.nanoTime() - startedNanos),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static void closeQuietly(TargetPools pools) {
        try {
            pools.closer().close();
        } catch (Exception e) {
            log.warn("closing the pools of a failed connect failed", e);
        }
    }
}
