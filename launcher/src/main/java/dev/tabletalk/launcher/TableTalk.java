package dev.tabletalk.launcher;

import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.audit.ReplayReport;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.executorjooq.JooqGuardedExecutor;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.schemacatalog.CatalogJson;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(TableTalk.class);

    private final SchemaCatalog schemaCatalog;
    private final Planner planner;
    private final ConversationEngine engine;
    private final CatalogView catalogView;
    private final PlanValidator validator;
    private final ReadOnlyMode readOnlyMode;
    private final Limits limits;
    private final AuditLog auditLog;
    private final Deque<AutoCloseable> owned;

    private TableTalk(SchemaCatalog schemaCatalog, Planner planner, ConversationEngine engine, RolePolicy roles,
            Limits limits, ReadOnlyMode readOnlyMode, AuditLog auditLog, Deque<AutoCloseable> owned) {
        this.schemaCatalog = schemaCatalog;
        this.planner = planner;
        this.engine = engine;
        this.catalogView = new RoleCatalogView(schemaCatalog, roles);
        this.validator = new PlanValidator(limits, roles, readOnlyMode);
        this.readOnlyMode = readOnlyMode;
        this.limits = limits;
        this.auditLog = auditLog;
        this.owned = owned;
    }

    /** A builder; only the target database is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The inbound port: one turn in, one reply out. */
    public Conversations conversations() {
        return engine;
    }

    /**
     * Where inbound adapters report requests that never became a turn (e.g. a forged identity), so
     * that the audit log has one record for every request.
     */
    public SecurityEvents securityEvents() {
        return engine;
    }

    /** The schema as a given caller may see it: exposed entities their role may use, nothing hidden. */
    public CatalogView catalogView() {
        return catalogView;
    }

    /**
     * The operator's view of the schema: every entity, hidden ones with the reason.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    public EntityCatalog schema() {
        return schemaCatalog.current();
    }

    /** The operator's view of the schema as JSON (the format of {@code docs/catalog.md}). */
    public String schemaJson() {
        return CatalogJson.write(schemaCatalog.current());
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
        EntityCatalog catalog = schemaCatalog.current();
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
        ReplayReport report = jdbc.replay().replay(sessionId, planner, SchemaView.of(schemaCatalog.current()));
        return new Replay(report.sessionId(), report.planner(), report.turns().stream()
                .map(t -> new Replay.Turn(t.sequence(), t.message(), t.verdict().name().toLowerCase(Locale.ROOT),
                        t.differences()))
                .toList());
    }

    /** Closes what the builder opened, in reverse order. */
    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(Deque<AutoCloseable> owned) {
        synchronized (owned) {
            while (!owned.isEmpty()) {
                AutoCloseable resource = owned.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("closing {} failed", resource.getClass().getSimpleName(), e);
                }
            }
        }
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
        private String targetUrl;
        private String targetPasswordVariable;
        private AuditLog auditLog;
        private DataSource auditDataSource;
        private String auditUrl;
        private Planner planner;
        private String plannerSpec;
        private Limits limits = Limits.defaults();
        private RolePolicy roles = RolePolicy.defaults();
        private ReadOnlyMode readOnlyMode = ReadOnlyMode.off();
        private CatalogOptions catalogOptions;
        private SessionStore sessions;
        private boolean loadCatalogAtBuild = true;
        private LoadProgress progress;

        private Builder() {}

        /** The database to administer, as a data source the caller owns (and closes). */
        public Builder targetDatabase(DataSource value) {
            this.targetDataSource = Objects.requireNonNull(value, "dataSource");
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

        /** Where conversations are kept between turns; in memory by default. */
        public Builder sessions(SessionStore value) {
            this.sessions = Objects.requireNonNull(value, "sessions");
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
            if (!options.tenantColumn().equals(limits.tenantColumn())) {
                throw new ConfigurationException("the catalog's tenant column (" + options.tenantColumn()
                        + ") differs from the limits' tenant column (" + limits.tenantColumn()
                        + "): set the same column in both");
            }
            Planner chosenPlanner = planner != null
                    ? planner
                    : plannerSpec != null ? Planners.fromSpec(plannerSpec) : RulesPlanner.create();
            Deque<AutoCloseable> owned = new ArrayDeque<>();
            try {
                DataSource target = targetDataSource;
                if (target == null) {
                    ConnectionSpec spec = ConnectionSpec.parse(targetUrl);
                    if (targetPasswordVariable != null) {
                        spec = spec.withPasswordFromEnv(targetPasswordVariable);
                    }
                    if (loadCatalogAtBuild) {
                        // one quick connection first: a clear reason at once, instead of a pool's timeout
                        failUnlessReachable(ConnectionCheck.run(spec));
                    }
                    var pool = spec.dataSource();
                    owned.push(pool);
                    target = pool;
                }
                SchemaCatalog catalog = JdbcSchemaCatalog.create(target, options);
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
                GuardedExecutor executor = JooqGuardedExecutor.create(target, catalog,
                        ExecutorConfig.of(limits, roles, readOnlyMode));
                ConversationEngine engine = ConversationEngine.builder()
                        .schemaCatalog(catalog)
                        .planner(chosenPlanner)
                        .executor(executor)
                        .auditLog(audit)
                        .sessions(sessions != null ? sessions : new InMemorySessionStore())
                        .limits(limits)
                        .roles(roles)
                        .readOnlyMode(readOnlyMode)
                        .build();
                return new TableTalk(catalog, chosenPlanner, engine, roles, limits, readOnlyMode, audit, owned);
            } catch (RuntimeException e) {
                closeAll(owned);
                throw e;
            }
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

        private AuditLog openAudit(Deque<AutoCloseable> owned) {
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
            owned.push(opened);
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
