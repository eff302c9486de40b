package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.statejdbc.JdbcSharedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OperatorControls} over a {@link TableTalk}: the read-only switch it shares with every engine and
 * executor, and reload. A reload reads the settings source (when there is one) and checks the result before
 * anything changes, reads the current database's catalog again, records the act, and only then installs the new
 * settings, so that a refusal at any step leaves the running settings as they were. Reloads and connects run one
 * at a time. Every act, done or refused, is recorded in the audit log as the operator's, at the injected clock's
 * time, with what it did ({@code on}, {@code off}, the number of exposed entities) and never a setting's value.
 *
 * <p>With a store several servers share, the switch lives there (so it is the same on every server) and a reload
 * is announced there: every other server follows it ({@link #follow}) within a second, reloading its own settings
 * source and catalog, and records that in the audit log as its own act.
 */
final class Operations implements OperatorControls {

    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    static final String READ_ONLY_ROUTE = "POST /admin/read-only";
    static final String RELOAD_ROUTE = "POST /admin/reload";

    private final Targets targets;
    private final ReadOnlyMode readOnlyMode;
    private final Optional<Supplier<ReloadableSettings>> source;
    private final Supplier<ReloadableSettings> running;
    private final Consumer<ReloadableSettings> install;
    private final Clock clock;
    private final Optional<JdbcSharedState> shared;
    private final AtomicLong reloadsSeen;
    private final OperatorRecords records;

    /**
     * @param targets the targets, whose current catalog a reload reads again
     * @param readOnlyMode the switch every engine and executor shares
     * @param source reads the settings again; empty: a reload reads the catalog only
     * @param running the settings in force now
     * @param install makes settings the settings of every new turn (called holding the operator lock)
     * @param clock the time of audit records
     * @param shared the store shared with other servers, where reloads are announced; empty: one server
     */
    Operations(
            Targets targets,
            ReadOnlyMode readOnlyMode,
            Optional<Supplier<ReloadableSettings>> source,
            Supplier<ReloadableSettings> running,
            Consumer<ReloadableSettings> install,
            Clock clock,
            Optional<JdbcSharedState> shared) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.records = new OperatorRecords(() -> targets.wiring().auditLog());
        this.readOnlyMode = Objects.requireNonNull(readOnlyMode, "readOnlyMode");
        this.source = Objects.requireNonNull(source, "source");
        this.running = Objects.requireNonNull(running, "running");
        this.install = Objects.requireNonNull(install, "install");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
        // the reloads made before this server started are in its settings already
        this.reloadsSeen = new AtomicLong(shared.map(JdbcSharedState::reloads).orElse(0L));
    }

    /**
     * Whether writes are refused by the switch: it is on, or the shared store that holds it cannot be read (a write
     * then is refused, saying the store is unavailable). What the status and health answers report.
     */
    @Override
    public boolean readOnly() {
        try {
            return readOnlyMode.isOn();
        } catch (DependencyUnavailableException e) {
            return true;
        }
    }

    @Override
    public synchronized SwitchOutcome switchReadOnly(boolean on, UserContext caller) {
        Objects.requireNonNull(caller, "caller");
        Instant started = clock.now();
        long startedNanos = System.nanoTime();
        String position = on ? "on" : "off";
        if (!TargetConnections.isOperator(caller)) {
            recordRefusal(caller, started, startedNanos, READ_ONLY_ROUTE, position, Reason.FORBIDDEN);
            return new SwitchOutcome.Refused(
                    Reason.FORBIDDEN, "Only the operator may switch read-only mode; a tenant's identity never does.");
        }
        boolean before = readOnly();
        String what = position + (before == on ? " (unchanged)" : " (was " + (before ? "on" : "off") + ")");
        if (on) {
            // INV-10: the emergency switch acts at once, recorded or not
            try {
                readOnlyMode.set(true);
            } catch (DependencyUnavailableException e) {
                log.error(
                        "the shared store is unavailable; read-only mode could not be switched on for every server", e);
                recordRefusal(caller, started, startedNanos, READ_ONLY_ROUTE, position, Reason.DATABASE_UNAVAILABLE);
                return new SwitchOutcome.Refused(
                        Reason.DATABASE_UNAVAILABLE,
                        "The store the servers share is unavailable, so the other servers were not switched; this "
                                + "server refuses every write while it cannot read that store. Try again shortly.");
            }
            try {
                records.append(
                        caller, started, startedNanos, READ_ONLY_ROUTE, what, AuditEvent.Outcome.OK, Optional.empty());
            } catch (DependencyUnavailableException e) {
                log.error(
                        "audit store unavailable; read-only mode switched on by {} without a record", caller.userId());
            }
            log.warn("read-only mode switched on by {}", caller.userId());
            return new SwitchOutcome.Switched(true, !before);
        }
        try {
            records.append(
                    caller, started, startedNanos, READ_ONLY_ROUTE, what, AuditEvent.Outcome.OK, Optional.empty());
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; read-only mode stays on", e);
            return new SwitchOutcome.Refused(
                    Reason.AUDIT_UNAVAILABLE,
                    "The audit store is unavailable, so read-only mode stays on; try again shortly.");
        }
        try {
            readOnlyMode.set(false);
        } catch (DependencyUnavailableException e) {
            log.error("the shared store is unavailable; read-only mode stays on", e);
            return new SwitchOutcome.Refused(
                    Reason.DATABASE_UNAVAILABLE,
                    "The store the servers share is unavailable, so read-only mode stays on; try again shortly.");
        }
        log.warn("read-only mode switched off by {}", caller.userId());
        return new SwitchOutcome.Switched(false, before);
    }

    @Override
    public ReloadOutcome reload(UserContext caller) {
        Objects.requireNonNull(caller, "caller");
        Instant started = clock.now();
        long startedNanos = System.nanoTime();
        if (!TargetConnections.isOperator(caller)) {
            recordRefusal(caller, started, startedNanos, RELOAD_ROUTE, "reload", Reason.FORBIDDEN);
            return new ReloadOutcome.Refused(
                    Reason.FORBIDDEN, "Only the operator may reload the settings; a tenant's identity never does.");
        }
        synchronized (targets.operatorActs()) {
            ReloadOutcome outcome = reloadHoldingTheLock(caller, started, startedNanos, "");
            if (outcome instanceof ReloadOutcome.Reloaded reloaded && shared.isPresent()) {
                return announced(reloaded, shared.get());
            }
            return outcome;
        }
    }

    /**
     * Reloads this server when another server's reload made the shared count grow past what this server has
     * seen; nothing otherwise.
     *
     * @param reloads the shared count of reloads, as just read
     */
    void follow(long reloads) {
        if (reloads <= reloadsSeen.get()) {
            return;
        }
        synchronized (targets.operatorActs()) {
            if (reloads <= reloadsSeen.get()) {
                return;
            }
            reloadsSeen.set(reloads);
            ReloadOutcome outcome = reloadHoldingTheLock(
                    TargetConnections.operator(), clock.now(), System.nanoTime(), "following another server: ");
            if (outcome instanceof ReloadOutcome.Refused refused) {
                log.error("following another server's reload failed: {}", refused.message());
            }
        }
    }

    /** Tells the other servers to follow a reload this server made. */
    private ReloadOutcome announced(ReloadOutcome.Reloaded reloaded, JdbcSharedState store) {
        try {
            reloadsSeen.accumulateAndGet(store.announceReload(), Math::max);
            return reloaded;
        } catch (DependencyUnavailableException e) {
            log.error("the reload could not be announced to the other servers", e);
            List<String> notes = new ArrayList<>(reloaded.notes());
            notes.add(
                    JdbcSharedState.outcomeUnknown(e)
                            ? "This server reloaded, but the shared store stopped answering while the other servers were "
                                    + "being told, so it is not known whether they will follow: reload again when the store "
                                    + "is back (a second reload is safe)."
                            : "This server reloaded, but the other servers could not be told (the shared store is "
                                    + "unavailable): reload each of them, or reload again when the store is back.");
            return new ReloadOutcome.Reloaded(
                    reloaded.exposedEntities(), reloaded.settingsReloaded(), reloaded.readOnly(), notes);
        }
    }

    private ReloadOutcome reloadHoldingTheLock(UserContext caller, Instant started, long startedNanos, String act) {
        if (targets.isClosed()) {
            return new ReloadOutcome.Refused(Reason.DATABASE_UNAVAILABLE, "TableTalk is closing; nothing was changed.");
        }
        Optional<ReloadableSettings> next;
        try {
            next = source.map(read -> Objects.requireNonNull(read.get(), "the settings source returned nothing"));
            if (next.isPresent()) {
                requireNoRestartNeeded(running.get().limits(), next.get().limits());
            }
        } catch (ConfigurationException e) {
            recordRefusal(caller, started, startedNanos, RELOAD_ROUTE, "reload", Reason.INVALID_SETTINGS);
            return new ReloadOutcome.Refused(
                    Reason.INVALID_SETTINGS,
                    "The settings were not reloaded: " + e.getMessage() + ". The running settings stay.");
        } catch (RuntimeException e) {
            log.error("the settings source failed", e);
            recordRefusal(caller, started, startedNanos, RELOAD_ROUTE, "reload", Reason.INVALID_SETTINGS);
            return new ReloadOutcome.Refused(
                    Reason.INVALID_SETTINGS,
                    "The settings could not be read again (the server log has the details). The running settings "
                            + "stay.");
        }
        EntityCatalog catalog;
        try {
            catalog = targets.current().catalog().refresh();
        } catch (DependencyUnavailableException e) {
            log.error("reload: the catalog could not be read again", e);
            recordRefusal(caller, started, startedNanos, RELOAD_ROUTE, "reload", Reason.DATABASE_UNAVAILABLE);
            return new ReloadOutcome.Refused(
                    Reason.DATABASE_UNAVAILABLE,
                    "The database could not be read, so nothing was reloaded; the running settings stay. Try again "
                            + "shortly.");
        }
        int exposed = catalog.exposedEntities().size();
        String what =
                act + (next.isPresent() ? "settings and catalog" : "catalog") + " (" + exposed + " exposed entities)";
        try {
            records.append(caller, started, startedNanos, RELOAD_ROUTE, what, AuditEvent.Outcome.OK, Optional.empty());
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; reload refused", e);
            return new ReloadOutcome.Refused(
                    Reason.AUDIT_UNAVAILABLE,
                    "The audit store is unavailable, so the settings were not reloaded; try again shortly.");
        }
        List<String> notes = new ArrayList<>();
        if (next.isPresent()) {
            try {
                install.accept(next.get());
            } catch (RuntimeException e) {
                // the new engine could not be built on the database: nothing was switched
                log.error("reload: the new settings could not be installed", e);
                recordRefusal(caller, started, startedNanos, RELOAD_ROUTE, "reload", Reason.DATABASE_UNAVAILABLE);
                return new ReloadOutcome.Refused(
                        Reason.DATABASE_UNAVAILABLE,
                        "The database could not be reached to apply the settings; the running settings stay. Try "
                                + "again shortly.");
            }
            if (next.get().readOnly()) {
                try {
                    readOnlyMode.set(true);
                } catch (DependencyUnavailableException e) {
                    log.error("reload: the settings ask for read-only mode, but the shared store is unavailable", e);
                    notes.add("The settings ask for read-only mode, but the store the servers share is unavailable, "
                            + "so it could not be switched on for every server: switch it on when the store is back.");
                }
            } else if (readOnly()) {
                notes.add("Read-only mode stays on: a reload never turns it off. Turn it off with "
                        + "`tabletalk admin read-only off`.");
            }
        }
        log.info("reloaded {} by {}", what, caller.userId());
        return new ReloadOutcome.Reloaded(exposed, next.isPresent(), readOnly(), notes);
    }

    /** The tenant column and the timeouts are fixed for the life of the pools and the catalog. */
    private static void requireNoRestartNeeded(Limits now, Limits next) {
        if (!now.tenantColumn().equals(next.tenantColumn())) {
            throw new ConfigurationException("the tenant column changes from " + now.tenantColumn() + " to "
                    + next.tenantColumn() + ", which needs a restart");
        }
        if (!now.statementTimeout().equals(next.statementTimeout())
                || !now.lockTimeout().equals(next.lockTimeout())) {
            throw new ConfigurationException("the statement or lock timeout changes, which needs a restart");
        }
    }

    private void recordRefusal(
            UserContext caller, Instant started, long startedNanos, String route, String what, Reason reason) {
        RefusalCode code = switch (reason) {
            case FORBIDDEN -> RefusalCode.ROLE_FORBIDS;
            case INVALID_SETTINGS -> RefusalCode.NOT_UNDERSTOOD;
            case DATABASE_UNAVAILABLE -> RefusalCode.DATABASE_UNAVAILABLE;
            case AUDIT_UNAVAILABLE -> RefusalCode.AUDIT_UNAVAILABLE;
        };
        records.appendOrLog(
                caller,
                started,
                startedNanos,
                route,
                what + ": " + reason.code(),
                AuditEvent.Outcome.REFUSED,
                Optional.of(code));
    }
}
