package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.out.AuditEvent;
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
 * {@link TargetConnections} over a {@link TableTalk}: checks the caller's role, the URL and the host allowlist
 * before any network access, then checks the connection, reads the schema and switches. One connect at a
 * time. Every call is recorded in the audit log; never the URL as given (it may hold a password).
 */
final class Connections implements TargetConnections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    static final String ADMIN_ROLE = "admin";
    static final String FAILED_MESSAGE = "The database could not be reached, or it refused the login. Nothing "
            + "was changed. Check the URL, the port and the credentials; the server log has the details.";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Every failed connect answers no sooner than this after it started, so that neither the message nor the
     * time tells a closed port (fast) from a silent host (the timeout) or a bad password.
     */
    static final Duration FAILURE_FLOOR = CHECK_TIMEOUT;

    private final TableTalk tableTalk;
    private final Set<String> allowedHosts;
    private final String passwordVariable;
    private final AtomicLong generations = new AtomicLong(SwitchSessions.FIRST_TARGET);
    private final Object oneAtATime = new Object();

    Connections(TableTalk tableTalk, Set<String> allowedHosts, String passwordVariable) {
        this.tableTalk = Objects.requireNonNull(tableTalk, "tableTalk");
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.passwordVariable = passwordVariable;
    }

    @Override
    public ConnectOutcome connect(String url, UserContext caller) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caller, "caller");
        Instant started = Instant.now();
        if (!ADMIN_ROLE.equals(caller.role())) {
            return refused(caller, started, "(not read)", "forbidden", RefusalCode.ROLE_FORBIDS,
                    "Only an admin may connect databases.");
        }
        TargetUrl target;
        try {
            target = TargetUrl.parse(url);
        } catch (ConfigurationException e) {
            return refused(caller, started, "(unsupported URL)", "unsupported_url", RefusalCode.NOT_UNDERSTOOD,
                    "Give a database URL that names one host, such as mariadb://user@host:3306/db or "
                            + "postgresql://user@host:5432/db; only the options user, password, ssl, "
                            + "sslmode, connectTimeout, socketTimeout, loginTimeout, ApplicationName, currentSchema "
                            + "and tcpKeepAlive are accepted.");
        }
        if (target.host().isEmpty() || !allowedHosts.contains(target.host().get())) {
            return refused(caller, started, target.description(), "host_not_allowed", RefusalCode.ROLE_FORBIDS,
                    "That host is not on the server's allowlist of databases.");
        }
        synchronized (oneAtATime) {
            if (tableTalk.isClosed()) {
                return new ConnectOutcome.Refused("connection_failed", FAILED_MESSAGE);
            }
            return open(target, caller, started);
        }
    }

    private ConnectOutcome open(TargetUrl target, UserContext caller, Instant started) {
        ConnectionSpec spec = target.spec();
        if (!spec.hasPassword() && passwordVariable != null && System.getenv(passwordVariable) != null) {
            spec = spec.withPasswordFromEnv(passwordVariable);
        }
        ConnectionCheck.Result check = ConnectionCheck.run(spec, CHECK_TIMEOUT);
        if (!check.ok()) {
            // the details stay in the server log: the caller learns nothing about the network
            log.info("connect to {} failed: {}", target.description(), check.problem().orElse(null));
            return failed(caller, started, target);
        }
        TargetPools pools = TargetPools.open(spec);
        TargetStack next;
        int exposed;
        try {
            SchemaCatalog catalog = JdbcSchemaCatalog.create(pools.catalog(), tableTalk.catalogOptions());
            EntityCatalog loaded = catalog.current();
            exposed = loaded.exposedEntities().size();
            next = tableTalk.stackFor(generations.incrementAndGet(), pools, catalog, target.description());
        } catch (RuntimeException e) {
            closeQuietly(pools);
            log.info("connect to {} failed while reading the schema: {}", target.description(),
                    e.getClass().getSimpleName());
            return failed(caller, started, target);
        }
        try {
            tableTalk.auditLog().append(event(caller, started, "connected " + target.description()
                    + " (" + exposed + " exposed entities)", AuditEvent.Outcome.OK, Optional.empty()));
        } catch (DependencyUnavailableException e) {
            next.closeNow();
            log.error("audit store unavailable; connect to {} refused", target.description(), e);
            return new ConnectOutcome.Refused("audit_unavailable",
                    "The audit store is unavailable, so nothing was changed; try again shortly.");
        }
        if (!tableTalk.switchTo(next)) {
            return new ConnectOutcome.Refused("connection_failed", FAILED_MESSAGE);
        }
        log.info("target database switched to {} by {}", target.description(), caller.userId());
        return new ConnectOutcome.Connected(target.description(), exposed);
    }

    private ConnectOutcome failed(UserContext caller, Instant started, TargetUrl target) {
        long wait = Duration.between(Instant.now(), started.plus(FAILURE_FLOOR)).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return refused(caller, started, target.description(), "connection_failed", RefusalCode.DATABASE_UNAVAILABLE,
                FAILED_MESSAGE);
    }

    private ConnectOutcome refused(UserContext caller, Instant started, String what, String reason, RefusalCode code,
            String message) {
        try {
            tableTalk.auditLog().append(event(caller, started, what + ": " + reason, AuditEvent.Outcome.REFUSED,
                    Optional.of(code)));
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; refused connect ({}) not recorded", reason, e);
        }
        return new ConnectOutcome.Refused(reason, message);
    }

    private static AuditEvent event(UserContext caller, Instant started, String what, AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        return new AuditEvent(started, "-", caller, "(POST /connect: " + what + ")", AuditEvent.Action.NONE,
                Optional.empty(), Optional.empty(), Map.of(), List.of(), Optional.empty(), outcome, code, 0,
                Duration.between(started, Instant.now()), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void closeQuietly(TargetPools pools) {
        try {
            pools.closer().close();
        } catch (Exception e) {
            log.warn("closing the pools of a failed connect failed", e);
        }
    }
}
