package dev.tabletalk.launcher;

import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.audit.ReplayReport;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.schemacatalog.CatalogJson;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

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
 * <p>Thread-safe once built. {@link #close()} closes what the builder opened (connection pools
 * it created from URLs, the audit store it opened), never what the caller passed in.
 */
public final class TableTalk implements AutoCloseable {

    private final Planner planner;
    private final PlanValidator validator;
    private final ReadOnlyMode readOnlyMode;
    private final Limits limits;
    private final AuditLog auditLog;
    private final Targets targets;
    private final OwnedResources owned;
    private final Conversations conversations;
    private final SecurityEvents securityEvents;
    private final CatalogView catalogView;
    private final TargetConnections targetConnections;

    private TableTalk(Builder settings, Targets targets, OwnedResources owned) {
        this.planner = targets.wiring().planner();
        this.validator = new PlanValidator(settings.limits, settings.roles, settings.readOnlyMode);
        this.readOnlyMode = settings.readOnlyMode;
        this.limits = settings.limits;
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
            public void authenticationFailed(dev.tabletalk.core.port.in.AuthFailure failure) {
                targets.current().engine().authenticationFailed(failure);
            }

            @Override
            public void authenticationFlood(dev.tabletalk.core.port.in.AuthFlood flood) {
                targets.current().engine().authenticationFlood(flood);
            }

            @Override
            public void requestAnswered(dev.tabletalk.core.port.in.AdapterEvent event) {
                targets.current().engine().requestAnswered(event);
            }
        };
        this.catalogView = new RoleCatalogView(() -> targets.current().catalog(), settings.roles,
                limits.tenantColumn());
        this.targetConnections = new Connections(targets, settings.connectTargets, settings.clock);
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
     * of one database is never confirmed against another. Every call is recorded in the audit log.
     */
    public TargetConnections targetConnections() {
        return targetConnections;
    }

    /** The current target database, without credentials, e.g. {@code postgresql 10.0.0.5:5432/shop}. */
    public String targetDescription() {
        return targets.current().description();
    }

    /**
     * The operator's view of the schema: every entity, hidden ones with the reason.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    public EntityCatalog schema() {
        return targets.current().catalog().current();
    }

    /** The operator's view of the schema as JSON (the format of {@code docs/catalog.md}), tenancy included. */
    public String schemaJson() {
        return CatalogJson.write(schema(), limits.tenantColumn());
    }

    /**
     * The tenancy of every entity for callers that have a tenant. When {@link Tenancies#hasDirect()} is false,
     * no table has the tenant column: a configuration mistake that leaves tenant callers read-only.
     */
    public Tenancies tenancies() {
        return schema().tenancies(limits.tenantColumn());
    }

    /** The emergency switch: turn it on to refuse every write at once (invariant 10). */
    public ReadOnlyMode readOnlyMode() {
        return readOnlyMode;
    }

    /** The limits every turn runs under. */
    public Limits limits() {
        return limits;
    }

    /** The planner's short name, e.g. {@code rules}. */
    public String plannerName() {
        return planner.name();
    }

    /**
     * Plans one message and validates the plan for this caller, executing nothing: what a turn
     * would try, or why it would be refused. Missing required fields of a create are not a
     * problem here (a conversation asks for them).
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database or a remote planner is down
     */
    public PlanCheck checkPlan(String message, UserContext user) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(user, "user");
        EntityCatalog catalog = schema();
        PlannerOutput output = planner.plan(PlannerRequest.standalone(message, SchemaView.of(catalog)));
        if (output.refusal().isPresent()) {
            return PlanCheck.of(message, output, output.refusal());
        }
        if (output.intent() == Intent.UNKNOWN || output.entity().isEmpty()) {
            return PlanCheck.of(message, output, Optional.of(Refusal.of(RefusalCode.NOT_UNDERSTOOD,
                    "That was not understood as a read, a create or an update of a known table.")));
        }
        String entity = output.entity().get();
        Validation validation;
        switch (output.intent()) {
            case READ:
                validation = validator.validate(new ReadPlan(entity, List.of(), output.filters(), output.orderBy(),
                        output.limit()), catalog, user);
                break;
            case CREATE:
                validation = validator.validateValues(Intent.CREATE, entity, output.fields(), catalog, user);
                break;
            case UPDATE:
                validation = validator.validate(new UpdatePlan(entity, output.fields(), output.filters()), catalog,
                        user);
                break;
            default:
                throw new IllegalStateException("unhandled intent: " + output.intent());
        }
        if (validation instanceof Validation.Invalid invalid) {
            return PlanCheck.of(message, output, Optional.of(invalid.refusal()));
        }
        Validation.Valid valid = (Validation.Valid) validation;
        return PlanCheck.of(message, valid.plan(), output.limit());
    }

    /**
     * Plans every recorded message of a session again with this planner and schema, and says where
     * the reading differs from the recording. Nothing is executed.
     *
     * @throws ConfigurationException when the audit log is not TableTalk's JDBC store
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the audit store cannot be read
     */
    public Replay replay(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!(auditLog instanceof JdbcAuditLog jdbc)) {
            throw new ConfigurationException("replay reads TableTalk's own audit store: build with auditStore(...)");
        }
        ReplayReport report = jdbc.replay().replay(sessionId, planner, SchemaView.of(schema()));
        return new Replay(report.sessionId(), report.planner(), report.turns().stream()
                .map(t -> new Replay.Turn(t.sequence(), t.message(), t.verdict().name().toLowerCase(Locale.ROOT),
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
     * Builds {@link TableTalk}. Every setting is checked at {@link #build()}: bad ones throw a
     * {@link ConfigurationException} that says what to fix, never later.
     */
    public static final class Builder {
        private DataSource targetDataSource;
        private DataSource executorDataSource;
        private String targetUrl;
        private String targetPasswordVariable;
        private AuditLog auditLog;
        private DataSource auditDataSource;
        private String auditUrl;
        private Planner planner;
        private String plannerSpec;
        private Set<String> connectTargets = Set.of();
        private Limits limits = Limits.defaults();
        private ReplyLimits replyLimits = ReplyLimits.defaults();
        private RolePolicy roles = RolePolicy.defaults();
        private ReadOnlyMode readOnlyMode = ReadOnlyMode.off();
        private OptionalDouble maxQueryCost = OptionalDouble.empty();
        private Clock clock = new SystemClock();
        private CatalogOptions catalogOptions;
        private SessionStore sessions;
        private Duration sessionIdleTimeout = InMemorySessionStore.DEFAULT_IDLE_TTL;
        private int maxSessionsPerUser = InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER;
        private boolean sessionLimitsSet;
        private boolean loadCatalogAtBuild = true;
        private LoadProgress progress;

        private Builder() {}

        /** The database to administer, as a data source the caller owns (and closes). */
        public Builder targetDatabase(DataSource value) {
            this.targetDataSource = Objects.requireNonNull(value, "dataSource");
            this.executorDataSource = null;
            this.targetUrl = null;
            return this;
        }

        /**
         * The database to administer through two data sources: {@code shared} for reading the schema,
         * and {@code executorOnly}, a pool that nothing but TableTalk's executor ever uses. The executor
         * then keeps its read-only default and statement timeout on those connections' sessions and
         * reads in one round trip (on PostgreSQL) instead of three. Never hand it a pool that other
         * code uses: its connections stay read-only by default.
         */
        public Builder targetDatabase(DataSource shared, DataSource executorOnly) {
            if (Objects.requireNonNull(shared, "shared") == Objects.requireNonNull(executorOnly, "executorOnly")) {
                throw new ConfigurationException("the executor's own pool must be a different data source from the "
                        + "shared one: use targetDatabase(dataSource) to share one");
            }
            this.targetDataSource = shared;
            this.executorDataSource = executorOnly;
            this.targetUrl = null;
            return this;
        }

        /**
         * The database to administer, as a JDBC or SQLAlchemy-style URL ({@code jdbc:postgresql://…},
         * {@code postgresql://user@host/db}, {@code jdbc:h2:…}, {@code sqlite:///file.db}); TableTalk
         * opens and closes a small pool for it.
         */
        public Builder targetDatabase(String url) {
            this.targetUrl = Objects.requireNonNull(url, "url");
            this.targetDataSource = null;
            this.executorDataSource = null;
            return this;
        }

        /**
         * Reads the target database's password from this environment variable (for a URL target),
         * so that it appears in no URL, file or command line.
         */
        public Builder targetPasswordFromEnv(String variable) {
            this.targetPasswordVariable = Objects.requireNonNull(variable, "variable");
            return this;
        }

        /** The audit log to append every turn to; the caller owns (and closes) it. */
        public Builder auditLog(AuditLog value) {
            this.auditLog = Objects.requireNonNull(value, "auditLog");
            this.auditDataSource = null;
            this.auditUrl = null;
            return this;
        }

        /** The audit store as a data source the caller owns (H2, PostgreSQL or MariaDB). */
        public Builder auditStore(DataSource value) {
            this.auditDataSource = Objects.requireNonNull(value, "auditDataSource");
            this.auditLog = null;
            this.auditUrl = null;
            return this;
        }

        /**
         * The audit store as a JDBC URL ({@code jdbc:h2:…}, {@code jdbc:postgresql:…},
         * {@code jdbc:mariadb:…}). Without any audit setting, the embedded file store under
         * {@code ./.tabletalk/} is used.
         */
        public Builder auditStore(String url) {
            this.auditUrl = Objects.requireNonNull(url, "auditUrl");
            this.auditLog = null;
            this.auditDataSource = null;
            return this;
        }

        /** The planner; the default is the offline rules planner. */
        public Builder planner(Planner value) {
            this.planner = Objects.requireNonNull(value, "planner");
            this.plannerSpec = null;
            return this;
        }

        /**
         * The planner by name: {@code rules}, or {@code openai:MODEL}, {@code anthropic:MODEL},
         * {@code ollama:MODEL} (these need {@code tabletalk-planner-llm} on the classpath and, except
         * Ollama, an API key in {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}).
         */
        public Builder planner(String spec) {
            this.plannerSpec = Objects.requireNonNull(spec, "spec");
            this.planner = null;
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * How big one reply may get: values longer than {@code maxCellChars} characters are cut and marked
         * with their full length, rows past {@code maxReplyBytes} of JSON are left out and the reply says so
         * (default: 4,096 characters, 1 MiB).
         */
        public Builder replyLimits(ReplyLimits value) {
            this.replyLimits = Objects.requireNonNull(value, "replyLimits");
            return this;
        }

        /**
         * Refuses reads whose estimated cost (PostgreSQL's EXPLAIN total cost; estimated rows on
         * MySQL/MariaDB) is above {@code value}, with a suggestion to narrow the filter. Off by default.
         */
        public Builder maxQueryCost(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new ConfigurationException("the maximum query cost must be a positive number, not " + value);
            }
            this.maxQueryCost = OptionalDouble.of(value);
            return this;
        }

        /** The clock for preview expiry and audit timestamps (default: the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        private ExecutorConfig executorConfig() {
            ExecutorConfig config = ExecutorConfig.of(limits, roles, readOnlyMode);
            return maxQueryCost.isPresent() ? config.withMaxQueryCost(maxQueryCost.getAsDouble()) : config;
        }

        public Builder roles(RolePolicy value) {
            this.roles = Objects.requireNonNull(value, "roles");
            return this;
        }

        /** The emergency switch to share (e.g. with an admin endpoint); off by default. */
        public Builder readOnlyMode(ReadOnlyMode value) {
            this.readOnlyMode = Objects.requireNonNull(value, "readOnlyMode");
            return this;
        }

        /**
         * What to read of the schema and how to expose it. Its tenant column must be the limits'
         * tenant column; when not given, the defaults with the limits' tenant column are used.
         */
        public Builder catalogOptions(CatalogOptions value) {
            this.catalogOptions = Objects.requireNonNull(value, "catalogOptions");
            return this;
        }

        /**
         * The {@code host:port} entries {@link TableTalk#targetConnections()} may connect to (host AND port,
         * compared without case; see {@link TargetConnections#target(String)}); empty by default, which refuses
         * every connect. URLs without a host (files, in-memory databases, the driver's default host) are never
         * allowed.
         *
         * @throws ConfigurationException for an entry that is not {@code host:port}
         */
        public Builder connectTargets(Set<String> targets) {
            java.util.Set<String> normalised = new java.util.HashSet<>();
            for (String target : targets) {
                try {
                    normalised.add(TargetConnections.target(target));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("a connect target is host:port, e.g. db1.internal:5432");
                }
            }
            this.connectTargets = Set.copyOf(normalised);
            return this;
        }

        /** Where conversations are kept between turns; in memory by default. */
        public Builder sessions(SessionStore value) {
            this.sessions = Objects.requireNonNull(value, "sessions");
            return this;
        }

        /**
         * How long a conversation may stay unused before the built-in session store drops it, with its
         * draft and preview (default 30 minutes). Applies to the built-in store only.
         */
        public Builder sessionIdleTimeout(Duration value) {
            if (Objects.requireNonNull(value, "value").isNegative() || value.isZero()) {
                throw new ConfigurationException("the session idle timeout must be positive, not " + value);
            }
            this.sessionIdleTimeout = value;
            this.sessionLimitsSet = true;
            return this;
        }

        /**
         * How many conversations one user (of one tenant) may keep in the built-in session store (default
         * 20); opening one more drops that user's longest-unused one. Applies to the built-in store only.
         */
        public Builder maxSessionsPerUser(int value) {
            if (value < 1) {
                throw new ConfigurationException("the sessions per user must be at least 1, not " + value);
            }
            this.maxSessionsPerUser = value;
            this.sessionLimitsSet = true;
            return this;
        }

        /** Told how loading the schema advances (a few steps per load), e.g. to show progress on big schemas. */
        public Builder catalogProgress(LoadProgress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /**
         * Whether {@link #build()} reads the schema at once (default), so that an unreachable
         * database shows at start rather than at the first turn.
         */
        public Builder loadCatalogAtBuild(boolean value) {
            this.loadCatalogAtBuild = value;
            return this;
        }

        /**
         * Wires everything.
         *
         * @throws ConfigurationException for missing or contradictory settings
         * @throws dev.tabletalk.core.error.DependencyUnavailableException when the audit store or (with
         *     {@link #loadCatalogAtBuild}) the target database cannot be reached
         */
        public TableTalk build() {
            if (targetDataSource == null && targetUrl == null) {
                throw new ConfigurationException("no target database: call targetDatabase(url) or "
                        + "targetDatabase(dataSource)");
            }
            if (targetDataSource != null && targetPasswordVariable != null) {
                throw new ConfigurationException("targetPasswordFromEnv applies to a target URL, not to a data source");
            }
            CatalogOptions chosen = catalogOptions != null
                    ? catalogOptions
                    : CatalogOptions.builder().tenantColumn(limits.tenantColumn()).build();
            CatalogOptions options = chosen;
            if (progress != null) {
                LoadProgress listener = progress;
                options = options.toBuilder().progress(listener::step).build();
            }
            if (sessions != null && sessionLimitsSet) {
                throw new ConfigurationException("sessionIdleTimeout and maxSessionsPerUser configure the built-in "
                        + "session store; set them on the session store given to sessions(...) instead");
            }
            if (!options.tenantColumn().equals(limits.tenantColumn())) {
                throw new ConfigurationException("the catalog's tenant column (" + options.tenantColumn()
                        + ") differs from the limits' tenant column (" + limits.tenantColumn()
                        + "): set the same column in both");
            }
            Planner chosenPlanner = planner != null
                    ? planner
                    : plannerSpec != null ? Planners.fromSpec(plannerSpec) : RulesPlanner.create();
            OwnedResources owned = new OwnedResources();
            TargetPools pools = null;
            try {
                String description = "the data source given to the builder";
                if (targetDataSource != null) {
                    pools = executorDataSource == null ? TargetPools.given(targetDataSource)
                            : TargetPools.given(targetDataSource, executorDataSource);
                } else {
                    ConnectionSpec spec = ConnectionSpec.parse(targetUrl);
                    if (targetPasswordVariable != null) {
                        spec = spec.withPasswordFromEnv(targetPasswordVariable);
                    }
                    description = describe(spec);
                    if (loadCatalogAtBuild) {
                        // one quick connection first: a clear reason at once, instead of a pool's timeout
                        failUnlessReachable(ConnectionCheck.run(spec));
                    }
                    pools = TargetPools.open(spec);
                }
                SchemaCatalog catalog = JdbcSchemaCatalog.create(pools.catalog(), options);
                // the schema and the audit store are independent: read one while the other opens (start time)
                CompletableFuture<Void> loading = loadCatalogAtBuild
                        ? CompletableFuture.runAsync(catalog::current, Builder::startDaemon)
                        : CompletableFuture.completedFuture(null);
                AuditLog audit;
                try {
                    audit = openAudit(owned);
                } finally {
                    awaitQuietly(loading);
                }
                awaitCatalog(loading);
                SwitchSessions shared = new SwitchSessions(sessions != null ? sessions : builtInSessions(owned));
                TargetWiring wiring = new TargetWiring(executorConfig(), replyLimits, clock, chosenPlanner, audit,
                        shared, chosen);
                TargetStack first = wiring.stack(SwitchSessions.FIRST_TARGET, pools, catalog, description);
                return new TableTalk(this, new Targets(wiring, first), owned);
            } catch (RuntimeException e) {
                if (pools != null) {
                    owned.closeLast(pools.closer());
                }
                owned.closeAll();
                throw e;
            }
        }

        /** A database without credentials or options, e.g. {@code postgresql 10.0.0.5:5432/shop}. */
        static String describe(ConnectionSpec spec) {
            String url = spec.jdbcUrl();
            int query = url.indexOf('?');
            String plain = query < 0 ? url : url.substring(0, query);
            int semicolon = plain.indexOf(';');
            plain = semicolon < 0 ? plain : plain.substring(0, semicolon);
            int start = plain.indexOf("//");
            String where = start < 0 ? plain.substring(plain.indexOf(':', 5) + 1) : plain.substring(start + 2);
            return spec.dialect().name().toLowerCase(Locale.ROOT) + " " + where;
        }

        private static void failUnlessReachable(ConnectionCheck.Result check) {
            if (check.ok()) {
                return;
            }
            ConnectionCheck.Problem problem = check.problem().orElse(ConnectionCheck.Problem.OTHER);
            switch (problem) {
                case UNSUPPORTED_SCHEME:
                case MALFORMED_URL:
                case MISSING_DRIVER:
                case MISSING_DATABASE:
                case BAD_CREDENTIALS:
                    throw new ConfigurationException("the target database: " + check.oneLine());
                default:
                    throw new DependencyUnavailableException(Dependency.TARGET_DATABASE, true,
                            "cannot connect to the target database: " + check.oneLine(), null);
            }
        }

        /** The in-memory session store on the builder's clock, swept periodically until closed. */
        private InMemorySessionStore builtInSessions(OwnedResources owned) {
            InMemorySessionStore store = new InMemorySessionStore(clock, sessionIdleTimeout, maxSessionsPerUser);
            owned.opened(SessionSweeper.start(store));
            return store;
        }

        private AuditLog openAudit(OwnedResources owned) {
            if (auditLog != null) {
                return auditLog;
            }
            JdbcAuditLog opened;
            if (auditDataSource != null) {
                opened = JdbcAuditLog.create(auditDataSource);
            } else if (auditUrl != null) {
                opened = JdbcAuditLog.open(auditUrl);
            } else {
                opened = JdbcAuditLog.openDefault();
            }
            owned.opened(opened);
            return opened;
        }

        private static void startDaemon(Runnable task) {
            Thread thread = new Thread(task, "tabletalk-catalog-load");
            thread.setDaemon(true);
            thread.start();
        }

        private static void awaitQuietly(CompletableFuture<Void> loading) {
            try {
                loading.join();
            } catch (CompletionException | CancellationException e) {
                // reported by awaitCatalog, or superseded by the failure being thrown
            }
        }

        private static void awaitCatalog(CompletableFuture<Void> loading) {
            try {
                loading.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
