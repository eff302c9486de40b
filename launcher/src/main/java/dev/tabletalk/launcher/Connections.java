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
import dev.tabletalk.statejdbc.JdbcSharedState;
import dev.tabletalk.statejdbc.SharedKey;
import dev.tabletalk.statejdbc.SharedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TargetConnections} over the {@link Targets} of a {@link TableTalk}: checks that the caller is the operator,
 * the URL, the {@code host:port} allowlist and TLS off loopback before any network access, then checks the
 * connection, reads the schema and switches. One operator act (connect or reload) at a time. The server's own
 * password is never attached to a URL the caller chose: credentials come from the URL only. Every call is recorded in the audit log as the operator's,
 * at the injected clock's time; never the URL as given (it may hold a password).
 *
 * <p>A connect that passed every check is recorded ("checks passed") before it takes effect, and again once it has
 * ("connected"), or refused when announcing or switching then fails: the log never claims a switch that did not
 * happen, and no switch happens unrecorded. With a store shared with other servers, the connect is announced in
 * the store (a new target generation, the URL sealed with {@code sharedState.key} when it carries
 * a password; refused with {@link Reason#SEVERAL_SERVERS} when it does and no key is set), then made. Every server
 * {@link #follow follows} the store's latest connect with the same checks of its own (allowlist, TLS, connection,
 * schema) and records that it followed. A server that cannot follow serves no database until it can
 * ({@link UnservedTarget}): its turns are answered as unavailable, never from the database before the connect; it
 * records why once and tries again every {@link #RETRY}.
 */
final class Connections implements TargetConnections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    static final String ROUTE = "POST /admin/connect";
    static final String FAILED_MESSAGE = "The database could not be reached, or it refused the login. Nothing "
            + "was changed. Check the URL, the port and the credentials; the server log has the details.";
    static final String NO_KEY_MESSAGE = "This URL carries a password, and the servers that share this one's state "
            + "(sharedState.url) can only be given it encrypted: set the same sharedState.key (32 random bytes, "
            + "base64) on every server, or connect with a URL without a password and keep the password in each "
            + "server's own configuration (such as a .pgpass file). Nothing was changed.";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** How long a server that could not follow a connect waits before it tries again. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /**
     * Every failed connect answers no sooner than this after it started, so that neither the message nor the
     * time tells a closed port (fast) from a silent host (the timeout) or a bad password.
     */
    static final Duration FAILURE_FLOOR = CHECK_TIMEOUT;

    private final Targets targets;
    private final OperatorRecords records;
    private final Set<String> allowedTargets;
    private final Clock clock;
    private final AtomicLong generations = new AtomicLong(SwitchSessions.FIRST_TARGET);
    private final Optional<JdbcSharedState> shared;
    private final Optional<SharedKey> key;

    // guarded by targets.operatorActs(): the latest target generation known and the one this server serves
    private long chosen;
    private long served;
    /** Why the latest follow of {@link #chosen} failed (a reason code); null when it did not. */
    private String notFollowed;

    private long nextAttemptNanos;
    /** The local generation of the target without a database this server switched to, if it did. */
    private long unservedGeneration = -1;
    /** The generation and reason of the failed follow last recorded, so that a retry is not recorded again. */
    private String recordedFailure = "";

    private volatile TargetStatus status = new TargetStatus(0, true);

    /**
     * @param shared the store shared with other servers, where connects are announced and followed; empty: one
     *     server
     * @param key the key every server sharing the store has ({@code sharedState.key}), which seals a URL with a
     *     password; empty: a URL with a password is refused when the store is shared
     */
    Connections(
            Targets targets,
            Set<String> allowedTargets,
            Clock clock,
            Optional<JdbcSharedState> shared,
            Optional<SharedKey> key) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.records = new OperatorRecords(() -> targets.wiring().auditLog());
        this.allowedTargets = Set.copyOf(allowedTargets);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public TargetStatus status() {
        return status;
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
        Optional<Reason> problem = problemOf(target);
        if (problem.isPresent()) {
            return problem.get() == Reason.HOST_NOT_ALLOWED
                    ? refused(
                            caller,
                            started,
                            startedNanos,
                            target.description(),
                            Reason.HOST_NOT_ALLOWED,
                            RefusalCode.ROLE_FORBIDS,
                            "That host and port are not on the server's allowlist of databases.")
                    : refused(
                            caller,
                            started,
                            startedNanos,
                            target.description(),
                            Reason.TLS_REQUIRED,
                            RefusalCode.NOT_UNDERSTOOD,
                            "A database that is not on this machine is reached only over TLS: add "
                                    + "sslmode=verify-full (PostgreSQL) or sslMode=verify-full (MariaDB) to the URL.");
        }
        if (shared.isPresent() && target.spec().hasPassword() && key.isEmpty()) {
            return refused(
                    caller,
                    started,
                    startedNanos,
                    target.description(),
                    Reason.SEVERAL_SERVERS,
                    RefusalCode.ROLE_FORBIDS,
                    NO_KEY_MESSAGE);
        }
        synchronized (targets.operatorActs()) {
            if (targets.isClosed()) {
                return new ConnectOutcome.Refused(Reason.CONNECTION_FAILED, FAILED_MESSAGE);
            }
            return open(target, url.strip(), caller, started, startedNanos);
        }
    }

    /** The allowlist, then TLS off loopback: the checks every server makes before any network access. */
    private Optional<Reason> problemOf(TargetUrl target) {
        if (target.target().isEmpty()
                || !allowedTargets.contains(target.target().get())) {
            return Optional.of(Reason.HOST_NOT_ALLOWED);
        }
        if (!target.loopback() && !target.tls()) {
            return Optional.of(Reason.TLS_REQUIRED);
        }
        return Optional.empty();
    }

    private ConnectOutcome open(TargetUrl target, String url, UserContext caller, Instant started, long startedNanos) {
        // only the URL's own credentials: the server's password never goes to a URL the caller chose (PUB-108)
        Optional<Built> built = build(target);
        if (built.isEmpty()) {
            return failed(caller, started, startedNanos, target);
        }
        TargetStack next = built.get().stack();
        int exposed = built.get().exposed();
        try {
            records.append(
                    caller,
                    started,
                    startedNanos,
                    ROUTE,
                    "connecting " + target.description() + " (" + exposed + " exposed entities): checks passed",
                    AuditEvent.Outcome.OK,
                    Optional.empty());
        } catch (DependencyUnavailableException e) {
            next.closeNow();
            log.error("audit store unavailable; connect to {} refused", target.description(), e);
            return new ConnectOutcome.Refused(
                    Reason.AUDIT_UNAVAILABLE,
                    "The audit store is unavailable, so nothing was changed; try again shortly.");
        }
        long generation;
        if (shared.isPresent()) {
            try {
                generation = target.spec().hasPassword()
                        ? shared.get().announceTarget(target.description(), url, key.orElseThrow())
                        : shared.get().announceTarget(target.description(), url);
            } catch (DependencyUnavailableException e) {
                next.closeNow();
                if (JdbcSharedState.outcomeUnknown(e)) {
                    // the generation may have moved: if so, this server follows it too, as it follows any connect
                    log.error(
                            "the shared store stopped answering while the connect to {} was committed; its "
                                    + "outcome is unknown",
                            target.description(),
                            e);
                    return refused(
                            caller,
                            started,
                            startedNanos,
                            target.description(),
                            Reason.OUTCOME_UNKNOWN,
                            RefusalCode.DATABASE_UNAVAILABLE,
                            "The store the servers share stopped answering while this connect was being saved, so "
                                    + "it is not known whether it took effect. If it did, every server, this one "
                                    + "included, switches to " + target.description() + " within a few seconds, "
                                    + "and the status shows a new target generation. Connecting again to the same "
                                    + "database is safe.");
                }
                log.error("the shared store is unavailable; connect to {} refused", target.description(), e);
                return refused(
                        caller,
                        started,
                        startedNanos,
                        target.description(),
                        Reason.SHARED_STATE_UNAVAILABLE,
                        RefusalCode.DATABASE_UNAVAILABLE,
                        "The store the servers share is unavailable, so the other servers could not be told and "
                                + "nothing was changed; try again shortly.");
            }
        } else {
            generation = chosen + 1;
        }
        long switchedTo = generation;
        if (!targets.switchTo(next, () -> serving(switchedTo))) {
            // closing: the switch did not happen, and the log says so after its "checks passed"
            return refused(
                    caller,
                    started,
                    startedNanos,
                    target.description(),
                    Reason.CONNECTION_FAILED,
                    RefusalCode.DATABASE_UNAVAILABLE,
                    FAILED_MESSAGE);
        }
        records.appendOrLog(
                caller,
                started,
                startedNanos,
                ROUTE,
                "connected " + target.description() + " (" + exposed + " exposed entities, target generation "
                        + generation + ")",
                AuditEvent.Outcome.OK,
                Optional.empty());
        log.info(
                "target database switched to {} by {} (target generation {})",
                target.description(),
                caller.userId(),
                generation);
        return new ConnectOutcome.Connected(target.description(), exposed);
    }

    /**
     * Follows the operator's latest connect as the shared store holds it: nothing when this server serves it
     * already (or no connect was made yet); else the same checks as a connect on this server and the switch, or,
     * when any check fails, no database at all until a later call succeeds (tried again after {@link #RETRY}).
     * Called by the connects' {@link SharedFollower} and once when TableTalk starts.
     */
    void follow(SharedTarget latest) {
        Objects.requireNonNull(latest, "latest");
        synchronized (targets.operatorActs()) {
            long generation = latest.generation();
            if (targets.isClosed() || generation == 0 || generation < chosen || generation == served) {
                return;
            }
            if (generation == chosen && notFollowed != null && System.nanoTime() - nextAttemptNanos < 0) {
                return;
            }
            chosen = generation;
            try {
                followHoldingTheLock(latest);
            } finally {
                updateStatus();
            }
        }
    }

    private void followHoldingTheLock(SharedTarget latest) {
        Instant started = clock.now();
        long startedNanos = System.nanoTime();
        long generation = latest.generation();
        if (latest.url().isEmpty()) {
            cannotFollow(latest, "no_url", started, startedNanos);
            return;
        }
        String url = latest.url().get();
        if (latest.sealed()) {
            if (key.isEmpty()) {
                cannotFollow(latest, "no_key", started, startedNanos);
                return;
            }
            try {
                url = key.get().open(url);
            } catch (IllegalArgumentException e) {
                cannotFollow(latest, "wrong_key", started, startedNanos);
                return;
            }
        }
        TargetUrl target;
        try {
            target = TargetUrl.parse(url);
        } catch (ConfigurationException e) {
            cannotFollow(latest, Reason.UNSUPPORTED_URL.code(), started, startedNanos);
            return;
        }
        Optional<Reason> problem = problemOf(target);
        if (problem.isPresent()) {
            cannotFollow(latest, problem.get().code(), started, startedNanos);
            return;
        }
        Optional<Built> built = build(target);
        if (built.isEmpty()) {
            cannotFollow(latest, Reason.CONNECTION_FAILED.code(), started, startedNanos);
            return;
        }
        // recorded as it happens: the switch was decided and recorded where it was made, and staying on the old
        // database because this store cannot record it would be worse
        records.appendOrLog(
                TargetConnections.operator(),
                started,
                startedNanos,
                ROUTE,
                "following another server: connected " + target.description() + " (target generation " + generation
                        + ", " + built.get().exposed() + " exposed entities)",
                AuditEvent.Outcome.OK,
                Optional.empty());
        if (!targets.switchTo(built.get().stack(), () -> serving(generation))) {
            return;
        }
        log.info("followed another server's connect: target generation {} is {}", generation, target.description());
    }

    /**
     * This server cannot follow the latest connect: it stops serving the database before it (once per
     * generation), records why once per generation and reason, and tries again after {@link #RETRY}.
     */
    private void cannotFollow(SharedTarget latest, String reason, Instant started, long startedNanos) {
        long generation = latest.generation();
        nextAttemptNanos = System.nanoTime() + RETRY.toNanos();
        notFollowed = reason;
        if (targets.current().generation() != unservedGeneration) {
            unservedGeneration = generations.incrementAndGet();
            TargetStack nothing =
                    targets.wiring().unserved(unservedGeneration, generation, "not following " + latest.description());
            if (!targets.switchTo(nothing, this::updateStatus)) {
                return;
            }
        }
        String failure = generation + " " + reason;
        if (failure.equals(recordedFailure)) {
            return;
        }
        recordedFailure = failure;
        log.error(
                "cannot follow the connect made on another server (target generation {}, {}): {}; turns that need "
                        + "the database are answered as unavailable until this server can",
                generation,
                latest.description(),
                reason);
        records.appendOrLog(
                TargetConnections.operator(),
                started,
                startedNanos,
                ROUTE,
                "following another server: target generation " + generation + " (" + latest.description()
                        + "): cannot follow: " + reason,
                AuditEvent.Outcome.REFUSED,
                Optional.of(RefusalCode.DATABASE_UNAVAILABLE));
    }

    /** This server serves {@code generation}: in the status before the switch, never behind what a turn sees. */
    private void serving(long generation) {
        chosen = Math.max(chosen, generation);
        served = generation;
        notFollowed = null;
        updateStatus();
    }

    private void updateStatus() {
        status = new TargetStatus(chosen, served == chosen);
    }

    /** A target built and its schema read, not switched to yet. */
    private record Built(TargetStack stack, int exposed) {}

    /** Checks the connection, opens the pools and reads the schema; empty (details logged) when any step fails. */
    private Optional<Built> build(TargetUrl target) {
        ConnectionSpec spec = target.spec();
        ConnectionCheck.Result check = ConnectionCheck.run(spec, CHECK_TIMEOUT);
        if (!check.ok()) {
            // the details stay in the server log: the caller learns nothing about the network
            log.info(
                    "connect to {} failed: {}",
                    target.description(),
                    check.problem().orElse(null));
            return Optional.empty();
        }
        TargetPools pools = TargetPools.open(spec);
        try {
            SchemaCatalog catalog =
                    JdbcSchemaCatalog.create(pools.catalog(), targets.wiring().catalogOptions());
            EntityCatalog loaded = catalog.current();
            return Optional.of(new Built(
                    targets.stackFor(generations.incrementAndGet(), pools, catalog, target.description()),
                    loaded.exposedEntities().size()));
        } catch (RuntimeException e) {
            closeQuietly(pools);
            log.info(
                    "connect to {} failed while reading the schema: {}",
                    target.description(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
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
        records.appendOrLog(
                caller,
                started,
                startedNanos,
                ROUTE,
                what + ": " + reason.code(),
                AuditEvent.Outcome.REFUSED,
                Optional.of(code));
        return new ConnectOutcome.Refused(reason, message);
    }

    private static void closeQuietly(TargetPools pools) {
        try {
            pools.closer().close();
        } catch (Exception e) {
            log.warn("closing the pools of a failed connect failed", e);
        }
    }
}
