package dev.tabletalk.launcher;

import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.audit.ReplayReport;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.engine.PlanChecker;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.AuthFlood;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorCatalog;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.in.PlanChecks;
import dev.tabletalk.core.port.in.Replay;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.SessionReplays;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.schemacatalog.CatalogJson;
import dev.tabletalk.statejdbc.JdbcSharedState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TableTalk wired together: the composition root for embedders. Give it a target database, and
 * optionally an audit store, a planner, limits and policy; {@link #conversations()} then runs turns.
 *
 * <pre>{@code
 * try (TableTalk tableTalk = TableTalk.builder()
 *         .targetDatabase("jdbc:postgresql://127.0.0.1:5432/shop?user=tabletalk")
 *         .auditStore("jdbc:h2:file:./.tabletalk/audit")
 *         .limits(Limits.defaults().withMaxRows(50))
 *         .build()) {
 *     UserContext user = UserContext.of("ada", "editor", "1");
 *     Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(user, "show customers"));
 *     System.out.println(reply.text());
 * }
 * }</pre>
 *
 * <p>Besides the conversations it serves the operator's use cases as core inbound ports: the catalog with
 * what is hidden ({@link OperatorCatalog}), checking a plan without running it ({@link PlanChecks}) and
 * planning a recorded session again ({@link SessionReplays}).
 *
 * <p>Thread-safe once built. {@link #close()} closes what the builder opened (connection pools
 * it created from URLs, the audit store it opened), never what the caller passed in.
 */
public final class TableTalk implements OperatorCatalog, PlanChecks, SessionReplays, AutoCloseable {

    private final Planner planner;
    private final ReadOnlyMode readOnlyMode;
    private final String tenantColumn;
    private volatile Active active;
    private final AuditLog auditLog;
    private final Targets targets;
    private final OwnedResources owned;
    private final Conversations conversations;
    private final SecurityEvents securityEvents;
    private final CatalogView catalogView;
    private final TargetConnections targetConnections;
    private final Operations operations;
    private final Optional<TokenBuckets> rateLimitBuckets;

    /** The settings in force and the plan checker built on them, swapped together by a reload. */
    private record Active(ReloadableSettings settings, PlanChecks planChecks) {}

    TableTalk(
            Targets targets,
            TargetConnections targetConnections,
            ReloadableSettings settings,
            Optional<Supplier<ReloadableSettings>> settingsSource,
            ReadOnlyMode readOnlyMode,
            OwnedResources owned,
            Optional<JdbcSharedState> shared,
            Optional<Duration> catalogPollInterval) {
        this.planner = targets.wiring().planner();
        this.readOnlyMode = readOnlyMode;
        this.tenantColumn = settings.limits().tenantColumn();
        this.active = active(settings, targets);
        this.auditLog = targets.wiring().auditLog();
        this.targets = targets;
        this.owned = owned;
        this.conversations = request -> {
            TargetStack target = targets.enter();
            try {
                return target.engine().handle(request);
            } finally {
                target.leave();
            }
        };
        // refused identities touch only the audit log, which every target shares
        this.securityEvents = new SecurityEvents() {
            @Override
            public void authenticationFailed(AuthFailure failure) {
                targets.current().engine().authenticationFailed(failure);
            }

            @Override
            public void authenticationFlood(AuthFlood flood) {
                targets.current().engine().authenticationFlood(flood);
            }

            @Override
            public void requestAnswered(AdapterEvent event) {
                targets.current().engine().requestAnswered(event);
            }
        };
        this.catalogView = new RoleCatalogView(
                () -> targets.current().catalog(),
                () -> active.settings().roles(),
                tenantColumn,
                targets.wiring().macros());
        this.targetConnections = targetConnections;
        this.operations = new Operations(
                targets,
                readOnlyMode,
                settingsSource,
                () -> active.settings(),
                this::install,
                targets.wiring().clock(),
                shared);
        this.rateLimitBuckets = shared.map(JdbcSharedState::tokenBuckets);
        shared.ifPresent(
                store -> owned.opened(SharedFollower.start("reloads", () -> operations.follow(store.reloads()))));
        catalogPollInterval.ifPresent(interval -> owned.opened(CatalogPoller.start(targets, interval)));
    }

    private Active active(ReloadableSettings settings, Targets on) {
        return new Active(
                settings,
                new PlanChecker(
                        planner,
                        new PlanValidator(settings.limits(), settings.roles(), readOnlyMode),
                        this::schema,
                        on.wiring().clock(),
                        on.wiring().macros()));
    }

    /** Makes {@code next} the settings of every new turn (called by a reload, holding the operator lock). */
    private void install(ReloadableSettings next) {
        TargetWiring wiring = targets.wiring();
        ExecutorConfig policy = new ExecutorConfig(
                next.limits(),
                next.roles(),
                readOnlyMode,
                wiring.policy().maxQueryCost(),
                wiring.policy().dedicatedPool());
        if (!targets.rewire(wiring.with(policy, next.replyLimits()))) {
            throw new IllegalStateException("TableTalk is closed");
        }
        this.active = active(next, targets);
    }

    /** A builder; only the target database is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The inbound port: one turn in, one reply out. Each turn runs on the target database that is
     * current when it starts, also when {@link #targetConnections()} switches the target meanwhile.
     */
    public Conversations conversations() {
        return conversations;
    }

    /**
     * Where inbound adapters report requests that never became a turn (e.g. a forged identity), so
     * that the audit log has one record for every request.
     */
    public SecurityEvents securityEvents() {
        return securityEvents;
    }

    /** The schema as a given caller may see it: exposed entities their role may use, nothing hidden. */
    public CatalogView catalogView() {
        return catalogView;
    }

    /**
     * Switches the target database at run time (the HTTP {@code POST /admin/connect} route): the operator only
     * ({@link TargetConnections#operator()}, never a tenant's identity), and only to PostgreSQL or MariaDB/MySQL
     * {@code host:port} entries on {@link Builder#connectTargets the allowlist} (empty by default: every connect
     * is refused), over TLS unless the host is loopback, with the URL's own credentials only (the server's
     * password is never attached to a URL the caller chose). The new database gets the same audit log, planner,
     * limits, roles, read-only switch and session store; it is checked and its schema read before it
     * replaces the current one, so nothing changes on a refusal. The old pool closes when its running
     * turns finish. Conversations with a draft or a preview from before the switch start over: a preview
     * of one database is never confirmed against another. Every call is recorded in the audit log. With
     * {@link Builder#sharedState a shared store} the connect is announced there and every server follows it
     * within about a second ({@link TargetConnections#status()} tells whether this one serves it yet).
     */
    public TargetConnections targetConnections() {
        return targetConnections;
    }

    /**
     * The operator's acts on the running TableTalk (the HTTP {@code /admin/read-only} and {@code /admin/reload}
     * routes): the read-only switch, and reloading the settings (from {@link Builder#settingsSource the settings
     * source}, when one was given) and the current database's catalog without a restart. The operator only
     * ({@link TargetConnections#operator()}); every act is recorded in the audit log.
     */
    public OperatorControls operatorControls() {
        return operations;
    }

    /**
     * Reloads as the operator: {@link #operatorControls()}{@code .reload(TargetConnections.operator())}, for
     * embedders that reload from their own code (e.g. on a signal).
     */
    public OperatorControls.ReloadOutcome reload() {
        return operations.reload(TargetConnections.operator());
    }

    /**
     * The rate-limit buckets of the store several servers share ({@link Builder#sharedState}), for the HTTP
     * server's per-user and per-tenant limits; empty without a shared store (each server then keeps its own).
     */
    public Optional<TokenBuckets> rateLimitBuckets() {
        return rateLimitBuckets;
    }

    /** The settings every new turn runs on, as the latest reload left them. */
    public ReloadableSettings settings() {
        return active.settings();
    }

    /** The current target database, without credentials, e.g. {@code postgresql 10.0.0.5:5432/shop}. */
    public String targetDescription() {
        return targets.current().description();
    }

    @Override
    public EntityCatalog schema() {
        return targets.current().catalog().current();
    }

    @Override
    public String schemaJson() {
        return CatalogJson.write(schema(), tenantColumn);
    }

    @Override
    public Tenancies tenancies() {
        return schema().tenancies(tenantColumn);
    }

    /** The emergency switch: turn it on to refuse every write at once (invariant 10). */
    public ReadOnlyMode readOnlyMode() {
        return readOnlyMode;
    }

    /** The limits every new turn runs under, as the latest reload left them. */
    public Limits limits() {
        return active.settings().limits();
    }

    /** The operator's macros (#14), every one of them, in the order given to the builder. */
    @Override
    public List<Macro> macros() {
        return targets.wiring().macros().all();
    }

    /**
     * What is wrong with the macros against the current schema (see {@link Macro#problems}); empty when they fit.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    public List<String> macroProblems() {
        return targets.wiring().macros().problems(schema());
    }

    /** The planner's short name, e.g. {@code rules}. */
    public String plannerName() {
        return planner.name();
    }

    @Override
    public PlanCheck checkPlan(String message, UserContext user) {
        return active.planChecks().checkPlan(message, user);
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigurationException when the audit log is not TableTalk's JDBC store
     */
    @Override
    public Replay replay(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!(auditLog instanceof JdbcAuditLog jdbc)) {
            throw new ConfigurationException("replay reads TableTalk's own audit store: build with auditStore(...)");
        }
        ReplayReport report = jdbc.replay().replay(sessionId, planner, SchemaView.of(schema()));
        return new Replay(
                report.sessionId(),
                report.planner(),
                report.turns().stream()
                        .map(t -> new Replay.Turn(
                                t.sequence(),
                                t.message(),
                                t.verdict().name().toLowerCase(Locale.ROOT),
                                t.differences()))
                        .toList());
    }

    /** Closes what the builder opened, in reverse order. */
    @Override
    public void close() {
        targets.close();
        owned.closeAll();
    }

    /** Told how a schema load advances. Called on the loading thread; keep it quick and never throw. */
    @FunctionalInterface
    public interface LoadProgress {

        /**
         * One step of a load.
         *
         * @param stage what is being read, e.g. {@code columns}
         * @param done the steps finished so far
         * @param total the steps of this load
         */
        void step(String stage, int done, int total);
    }

    /**
     * Builds {@link TableTalk}: every setting of {@link TableTalkBuilder}. Every setting is checked at
     * {@link #build()}: bad ones throw a {@link ConfigurationException} that says what to fix, never later.
     */
    public static final class Builder extends TableTalkBuilder {

        private Builder() {}
    }
}
