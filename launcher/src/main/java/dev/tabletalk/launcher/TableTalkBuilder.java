package dev.tabletalk.launcher;

import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.Diagnostics;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.schemacatalog.CatalogOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The settings of {@link TableTalk.Builder}, which callers get from {@link TableTalk#builder()}: what they set,
 * each checked as far as it can be alone, with the defaults. {@link #build()} hands them to {@link Assembly},
 * which checks them together and wires TableTalk. Every setter returns {@link TableTalk.Builder}, the only
 * subclass, so that callers keep naming that type. The fields are read by {@link Assembly} alone.
 */
abstract sealed class TableTalkBuilder permits TableTalk.Builder {
    DataSource targetDataSource;
    DataSource executorDataSource;
    String targetUrl;
    String targetPasswordVariable;
    String targetUser;
    String targetPassword;
    TableTalkConfig.Planner plannerSettings;
    AuditLog auditLog;
    DataSource auditDataSource;
    String auditUrl;
    Planner planner;
    String plannerSpec;
    Set<String> connectTargets = Set.of();
    Limits limits = Limits.defaults();
    ReplyLimits replyLimits = ReplyLimits.defaults();
    RolePolicy roles = RolePolicy.defaults();
    ReadOnlyMode readOnlyMode = ReadOnlyMode.off();
    OptionalDouble maxQueryCost = OptionalDouble.empty();
    Clock clock = new SystemClock();
    CatalogOptions catalogOptions;
    SessionStore sessions;
    String sessionStoreUrl;
    String sessionStoreUser;
    String sessionStorePassword;
    Duration sessionIdleTimeout = InMemorySessionStore.DEFAULT_IDLE_TTL;
    int maxSessionsPerUser = InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER;
    boolean sessionLimitsSet;
    boolean loadCatalogAtBuild = true;
    Macros macros = Macros.none();
    TableTalk.LoadProgress progress;
    Supplier<ReloadableSettings> settingsSource;
    String sharedStateUrl;
    String sharedStateKey;
    Duration catalogPollInterval;

    TableTalkBuilder() {}

    /** The database to administer, as a data source the caller owns (and closes). */
    public TableTalk.Builder targetDatabase(DataSource value) {
        this.targetDataSource = Objects.requireNonNull(value, "dataSource");
        this.executorDataSource = null;
        this.targetUrl = null;
        return self();
    }

    /**
     * The database to administer through two data sources: {@code shared} for reading the schema,
     * and {@code executorOnly}, a pool that nothing but TableTalk's executor ever uses. The executor
     * then keeps its read-only default and statement timeout on those connections' sessions and
     * reads in one round trip (on PostgreSQL) instead of three. Never hand it a pool that other
     * code uses: its connections stay read-only by default.
     */
    public TableTalk.Builder targetDatabase(DataSource shared, DataSource executorOnly) {
        if (Objects.requireNonNull(shared, "shared") == Objects.requireNonNull(executorOnly, "executorOnly")) {
            throw new ConfigurationException("the executor's own pool must be a different data source from the "
                    + "shared one: use targetDatabase(dataSource) to share one");
        }
        this.targetDataSource = shared;
        this.executorDataSource = executorOnly;
        this.targetUrl = null;
        return self();
    }

    /**
     * The database to administer, as a JDBC or SQLAlchemy-style URL ({@code jdbc:postgresql://…},
     * {@code postgresql://user@host/db}, {@code jdbc:h2:…}, {@code sqlite:///file.db}); TableTalk
     * opens and closes a small pool for it. A user and password set by {@link #config} apply to the
     * configured URL only: this call drops them.
     */
    public TableTalk.Builder targetDatabase(String url) {
        this.targetUrl = Objects.requireNonNull(url, "url");
        this.targetUser = null;
        this.targetPassword = null;
        this.targetDataSource = null;
        this.executorDataSource = null;
        return self();
    }

    /**
     * Reads the target database's password from this environment variable (for a URL target),
     * so that it appears in no URL, file or command line.
     */
    public TableTalk.Builder targetPasswordFromEnv(String variable) {
        this.targetPasswordVariable = Objects.requireNonNull(variable, "variable");
        return self();
    }

    /**
     * Applies {@code tabletalk.yaml} (or its JSON form): reads the file alone, without the environment layer that
     * the app adds ({@code TABLETALK_*} variables are not read; {@code ${env:NAME}} references in the file are
     * resolved from the process environment), checks it, and applies what this builder supports, as
     * {@link #config(TableTalkConfig)} does. Later setter calls override it.
     *
     * @throws ConfigurationException naming the file, line and key of every problem
     */
    public TableTalk.Builder config(Path file) {
        Objects.requireNonNull(file, "file");
        return config(ConfigLoader.readFile(file, System.getenv()).orThrow().config());
    }

    /**
     * Applies checked settings (e.g. the app's layered file &lt; environment &lt; flags): target URL, user and
     * password, audit store, planner chain (models, base URL, API key, timeout, retries), limits and reply limits,
     * the read-only switch, the tenant column, catalog options, connect targets, and the built-in session store's
     * idle time-to-live and per-user cap, the entity, column and tenancy overrides, the roles (which replace the
     * built-in ones) and the macros. Later setter calls override it.
     */
    public TableTalk.Builder config(TableTalkConfig config) {
        Objects.requireNonNull(config, "config");
        config.database().url().ifPresent(this::targetDatabase);
        // after the URL, which resets them: the user and password belong to the configured URL
        this.targetUser = config.database().user().orElse(null);
        this.targetPassword = config.database().password().orElse(null);
        config.audit().url().ifPresent(this::auditStore);
        this.plannerSettings = config.planner();
        this.planner = null;
        this.plannerSpec = null;
        TableTalkConfig.Limits given = config.limits();
        limits(Limits.defaults()
                .withMaxRows(given.maxRows())
                .withMaxAffectedRows(given.maxAffectedRows())
                .withStatementTimeout(given.statementTimeout())
                .withLockTimeout(given.lockTimeout())
                .withPreviewTtl(given.previewTtl())
                .withMaxMessageChars(given.maxMessageChars())
                .withMaxFilters(given.maxFilters())
                .withMaxInItems(given.maxInItems())
                .withTenantColumn(config.tenancy().column()));
        replyLimits(new ReplyLimits(given.maxCellChars(), Math.toIntExact(given.maxReplyBytes())));
        if (given.maxQueryCost().isPresent()) {
            maxQueryCost(given.maxQueryCost().getAsDouble());
        }
        readOnlyMode(config.readOnly() ? ReadOnlyMode.on() : ReadOnlyMode.off());
        TableTalkConfig.Catalog catalog = config.catalog();
        catalog.pollInterval().ifPresent(this::catalogPollInterval);
        config.sharedState().url().ifPresent(this::sharedState);
        config.sharedState().key().ifPresent(this::sharedStateKey);
        // keys of features this version does not have yet: refused, never silently ignored
        if (config.mcp().identity().isPresent()) {
            throw new ConfigurationException(
                    "mcp.identity: this version has no MCP server; remove the key until it has one");
        }
        CatalogOptions.Builder options = CatalogOptions.builder()
                .schemas(catalog.schemas())
                .tenantColumn(config.tenancy().column())
                .allowTables(catalog.allowTables())
                .denyTables(catalog.denyTables())
                .readOnlyTables(catalog.readOnlyTables())
                .denyColumns(catalog.denyColumns())
                .maxReadFields(catalog.maxReadFields());
        catalog.maskedColumns().ifPresent(options::maskedColumns);
        // #14: the file's exposure and tenancy overrides, checked against the schema when the catalog loads
        options.overrides(ConfiguredParts.overrides(config));
        catalogOptions(options.build());
        macros(ConfiguredParts.macros(config));
        // #14: configured roles replace the built-in viewer, editor and admin; none given, those stay
        ConfiguredParts.roles(config).ifPresent(this::roles);
        connectTargets(new HashSet<>(config.http().connectTargets()));
        TableTalkConfig.Sessions sessions = config.sessions();
        if (sessions.isShared()) {
            sessionStore(
                    sessions.url().orElseThrow(),
                    sessions.user().orElse(null),
                    sessions.password().orElse(null));
        }
        // only what differs from the built-in store's defaults, so that a store given to sessions(...) still works
        if (!sessions.idleTtl().equals(InMemorySessionStore.DEFAULT_IDLE_TTL)) {
            sessionIdleTimeout(sessions.idleTtl());
        }
        if (sessions.maxPerUser() != InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER) {
            maxSessionsPerUser(sessions.maxPerUser());
        }
        return self();
    }

    /** The audit log to append every turn to; the caller owns (and closes) it. */
    public TableTalk.Builder auditLog(AuditLog value) {
        this.auditLog = Objects.requireNonNull(value, "auditLog");
        this.auditDataSource = null;
        this.auditUrl = null;
        return self();
    }

    /** The audit store as a data source the caller owns (H2, PostgreSQL or MariaDB). */
    public TableTalk.Builder auditStore(DataSource value) {
        this.auditDataSource = Objects.requireNonNull(value, "auditDataSource");
        this.auditLog = null;
        this.auditUrl = null;
        return self();
    }

    /**
     * The audit store as a JDBC URL ({@code jdbc:h2:…}, {@code jdbc:postgresql:…},
     * {@code jdbc:mariadb:…}). Without any audit setting, the embedded file store under
     * {@code ./.tabletalk/} is used.
     */
    public TableTalk.Builder auditStore(String url) {
        this.auditUrl = Objects.requireNonNull(url, "auditUrl");
        this.auditLog = null;
        this.auditDataSource = null;
        return self();
    }

    /** The planner; the default is the offline rules planner. */
    public TableTalk.Builder planner(Planner value) {
        this.planner = Objects.requireNonNull(value, "planner");
        this.plannerSpec = null;
        this.plannerSettings = null;
        return self();
    }

    /**
     * The planner by name: {@code rules}, or {@code openai:MODEL}, {@code anthropic:MODEL},
     * {@code ollama:MODEL} (these need {@code tabletalk-planner-llm} on the classpath and, except
     * Ollama, an API key in {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}).
     */
    public TableTalk.Builder planner(String spec) {
        this.plannerSpec = Objects.requireNonNull(spec, "spec");
        this.planner = null;
        this.plannerSettings = null;
        return self();
    }

    public TableTalk.Builder limits(Limits value) {
        this.limits = Objects.requireNonNull(value, "limits");
        return self();
    }

    /**
     * How big one reply may get: values longer than {@code maxCellChars} characters are cut and marked
     * with their full length, rows past {@code maxReplyBytes} of JSON are left out and the reply says so
     * (default: 4,096 characters, 1 MiB).
     */
    public TableTalk.Builder replyLimits(ReplyLimits value) {
        this.replyLimits = Objects.requireNonNull(value, "replyLimits");
        return self();
    }

    /**
     * Refuses reads whose estimated cost (PostgreSQL's EXPLAIN total cost; estimated rows on
     * MySQL/MariaDB) is above {@code value}, with a suggestion to narrow the filter. Off by default.
     */
    public TableTalk.Builder maxQueryCost(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigurationException("the maximum query cost must be a positive number, not " + value);
        }
        this.maxQueryCost = OptionalDouble.of(value);
        return self();
    }

    /** The clock for preview expiry and audit timestamps (default: the system clock). */
    public TableTalk.Builder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    /**
     * The store several servers behind one load balancer share ({@code sharedState.url}): the rate-limit buckets
     * ({@link TableTalk#rateLimitBuckets()}), the read-only switch (which then lives there, replacing the one of
     * {@link #readOnlyMode}; a switch given on is put on for every server), reloads and connects, which every server
     * follows within a second (a URL with a password needs {@link #sharedStateKey}); a server that starts serves the
     * latest connect rather than its own target database. A JDBC URL of PostgreSQL, MariaDB or H2, credentials as
     * its parameters. Unset: one server, all of it in memory.
     */
    public TableTalk.Builder sharedState(String jdbcUrl) {
        this.sharedStateUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return self();
    }

    /**
     * The key every server sharing state has ({@code sharedState.key}: 32 random bytes in base64, a secret), so that
     * a connect whose URL carries a password can be followed by every server: the URL is kept in the shared store
     * only sealed with it (AES-256-GCM). Without it such a connect is refused while the state is shared; a URL
     * without a password needs no key. Checked at {@link #build()}; needs {@link #sharedState}.
     */
    public TableTalk.Builder sharedStateKey(String base64Key) {
        this.sharedStateKey = Objects.requireNonNull(base64Key, "base64Key");
        return self();
    }

    /**
     * Reads the schema again this often ({@code catalog.pollInterval}, at least 1 s) and makes it the catalog of new
     * turns when its fingerprint changed: a migration is seen without a reload. A preview made on the old catalog
     * is validated again on the new one when it is confirmed. Unset: the schema is read again only by a reload.
     */
    public TableTalk.Builder catalogPollInterval(Duration value) {
        Objects.requireNonNull(value, "catalogPollInterval");
        if (value.compareTo(CatalogPoller.MIN_INTERVAL) < 0) {
            throw new ConfigurationException(
                    "catalog.pollInterval must be at least 1s (each poll reads the whole schema), not " + value);
        }
        this.catalogPollInterval = value;
        return self();
    }

    ExecutorConfig executorConfig(ReadOnlyMode readOnlyMode) {
        ExecutorConfig config = ExecutorConfig.of(limits, roles, readOnlyMode);
        return maxQueryCost.isPresent() ? config.withMaxQueryCost(maxQueryCost.getAsDouble()) : config;
    }

    public TableTalk.Builder roles(RolePolicy value) {
        this.roles = Objects.requireNonNull(value, "roles");
        return self();
    }

    /** The emergency switch to share (e.g. with an admin endpoint); off by default. */
    public TableTalk.Builder readOnlyMode(ReadOnlyMode value) {
        this.readOnlyMode = Objects.requireNonNull(value, "readOnlyMode");
        return self();
    }

    /**
     * What to read of the schema and how to expose it. Its tenant column must be the limits'
     * tenant column; when not given, the defaults with the limits' tenant column are used.
     */
    public TableTalk.Builder catalogOptions(CatalogOptions value) {
        this.catalogOptions = Objects.requireNonNull(value, "catalogOptions");
        return self();
    }

    /**
     * The {@code host:port} entries {@link TableTalk#targetConnections()} may connect to (host AND port,
     * compared without case; see {@link TargetConnections#target(String)}); empty by default, which refuses
     * every connect. URLs without a host (files, in-memory databases, the driver's default host) are never
     * allowed.
     *
     * @throws ConfigurationException for an entry that is not {@code host:port}
     */
    public TableTalk.Builder connectTargets(Set<String> targets) {
        Set<String> normalised = new HashSet<>();
        for (String target : targets) {
            try {
                normalised.add(TargetConnections.target(target));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("a connect target is host:port, e.g. db1.internal:5432");
            }
        }
        this.connectTargets = Set.copyOf(normalised);
        return self();
    }

    /** Where conversations are kept between turns; in memory by default. */
    public TableTalk.Builder sessions(SessionStore value) {
        this.sessions = Objects.requireNonNull(value, "sessions");
        this.sessionStoreUrl = null;
        return self();
    }

    /**
     * Keeps conversations in the shared JDBC session store at {@code url} ({@code jdbc:postgresql:…},
     * {@code jdbc:mariadb:…} or {@code jdbc:h2:…}) instead of this process's memory, so that several servers on the
     * same store answer any turn of any conversation: a preview made on one is confirmed on another, exactly once.
     * The store's tables are created when it opens (at {@link TableTalk.Builder#build()}); it is closed with the
     * {@link TableTalk}. {@link #sessionIdleTimeout} and {@link #maxSessionsPerUser} apply to it.
     *
     * @param url the store's JDBC URL
     * @param user the store's user, or {@code null} when the URL names it
     * @param password the store's password, or {@code null} for none
     */
    public TableTalk.Builder sessionStore(String url, String user, String password) {
        this.sessionStoreUrl = Objects.requireNonNull(url, "url");
        this.sessionStoreUser = user;
        this.sessionStorePassword = password;
        this.sessions = null;
        return self();
    }

    /**
     * How long a conversation may stay unused before the built-in (or the shared JDBC) session store drops it,
     * with its draft and preview (default 30 minutes). Not for a store given to {@link #sessions(SessionStore)}.
     */
    public TableTalk.Builder sessionIdleTimeout(Duration value) {
        if (Objects.requireNonNull(value, "value").isNegative() || value.isZero()) {
            throw new ConfigurationException("the session idle timeout must be positive, not " + value);
        }
        this.sessionIdleTimeout = value;
        this.sessionLimitsSet = true;
        return self();
    }

    /**
     * How many conversations one user (of one tenant) may keep in the built-in (or the shared JDBC) session store
     * (default 20); opening one more drops that user's longest-unused one. Not for a store given to
     * {@link #sessions(SessionStore)}.
     */
    public TableTalk.Builder maxSessionsPerUser(int value) {
        if (value < 1) {
            throw new ConfigurationException("the sessions per user must be at least 1, not " + value);
        }
        this.maxSessionsPerUser = value;
        this.sessionLimitsSet = true;
        return self();
    }

    /**
     * The operator's macros (#14): named everyday requests ("deactivate customer 42"), recognised before the
     * planner; none by default. A macro grants nothing: its plan is validated against the caller's role,
     * previewed and confirmed like a planned one. With {@link #loadCatalogAtBuild} (the default), {@link #build()}
     * checks every macro against the schema ({@link Macro#problems}).
     *
     * @throws ConfigurationException when two macros have the same name
     */
    public TableTalk.Builder macros(List<Macro> value) {
        try {
            this.macros = Macros.of(Objects.requireNonNull(value, "macros"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("macros: " + e.getMessage());
        }
        return self();
    }

    /**
     * Where a reload ({@link TableTalk#reload()}, the HTTP {@code POST /admin/reload}) reads the settings again,
     * e.g. by parsing and validating the configuration file once more. It throws a
     * {@link ConfigurationException} whose message names the mistake when the settings do not validate; the
     * reload is then refused and the running settings stay. Without a source (the default) a reload reads the
     * catalog only. The limits, roles and read-only switch given to this builder are the first settings; the
     * source's later results replace them.
     */
    public TableTalk.Builder settingsSource(Supplier<ReloadableSettings> value) {
        this.settingsSource = Objects.requireNonNull(value, "settingsSource");
        return self();
    }

    /** Told how loading the schema advances (a few steps per load), e.g. to show progress on big schemas. */
    public TableTalk.Builder catalogProgress(TableTalk.LoadProgress value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return self();
    }

    /**
     * Whether {@link #build()} reads the schema at once (default), so that an unreachable
     * database shows at start rather than at the first turn.
     */
    public TableTalk.Builder loadCatalogAtBuild(boolean value) {
        this.loadCatalogAtBuild = value;
        return self();
    }

    /**
     * Wires everything.
     *
     * @throws ConfigurationException for missing or contradictory settings
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the audit store or (with
     *     {@link #loadCatalogAtBuild}) the target database cannot be reached
     */
    public TableTalk build() {
        return new Assembly(this).build();
    }

    /**
     * Checks the names these settings use against the target database (a URL) without building anything, for
     * {@code tabletalk config validate}: exposure and tenancy overrides (a misspelt entity or column, a loosening,
     * a secret shown without {@code allowSecret}) and macros (an entity, field or parameter the schema does not
     * have).
     *
     * @return the problems, each with its key; empty when the settings fit the database
     * @throws ConfigurationException when no target URL is set
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be read
     */
    public List<SettingsProblem> checkAgainstDatabase() {
        return new Assembly(this).checkAgainstDatabase();
    }

    /**
     * {@code tabletalk doctor} with these settings: the target's configured user and password, and the catalog
     * options TableTalk would run with (tenant column, deny patterns, overrides; each {@code allowSecret} is
     * reported as a warning).
     */
    public Diagnostics diagnostics() {
        Assembly assembly = new Assembly(this);
        return Doctor.diagnostics(assembly::withCredentials, assembly.chosenOptions());
    }

    private TableTalk.Builder self() {
        return (TableTalk.Builder) this;
    }
}
