package dev.tabletalk.launcher;

import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RoleProblem;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.sessionjdbc.JdbcSessionStore;
import dev.tabletalk.sessionjdbc.SessionStoreConfig;
import dev.tabletalk.statejdbc.JdbcSharedState;
import dev.tabletalk.statejdbc.SharedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Wires a {@link TableTalk} from the settings of its builder: checks them together, opens the target's pools
 * (or takes the data sources given), reads the schema while the audit store opens, and builds the first
 * target on what every target shares. On any failure it closes what it opened and rethrows.
 */
final class Assembly {

    private final TableTalkBuilder settings;

    Assembly(TableTalkBuilder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Wires everything.
     *
     * @throws ConfigurationException for missing or contradictory settings
     * @throws DependencyUnavailableException when the audit store or (when loading the catalog at build) the
     *     target database cannot be reached
     */
    TableTalk build() {
        requireTarget();
        CatalogOptions chosen = chosenOptions();
        CatalogOptions options = withProgress(chosen);
        requireConsistent(options);
        Planner planner = settings.planner != null
                ? settings.planner
                : settings.plannerSpec != null
                        ? Planners.fromSpec(settings.plannerSpec)
                        : settings.plannerSettings != null
                                ? Planners.fromSettings(settings.plannerSettings)
                                : RulesPlanner.create();
        OwnedResources owned = new OwnedResources();
        TargetPools pools = null;
        try {
            String description = "the data source given to the builder";
            if (settings.targetDataSource != null) {
                pools = settings.executorDataSource == null
                        ? TargetPools.given(settings.targetDataSource)
                        : TargetPools.given(settings.targetDataSource, settings.executorDataSource);
            } else {
                ConnectionSpec spec = targetSpec();
                description = describe(spec);
                if (settings.loadCatalogAtBuild) {
                    // one quick connection first: a clear reason at once, instead of a pool's timeout
                    failUnlessReachable(ConnectionCheck.run(spec));
                }
                pools = TargetPools.open(spec);
            }
            SchemaCatalog catalog = JdbcSchemaCatalog.create(pools.catalog(), options);
            AuditLog audit = openAuditWhileLoading(catalog, owned);
            if (settings.loadCatalogAtBuild) {
                requireRolesFit(catalog);
                requireMacrosFit(catalog);
            }
            SwitchSessions shared = new SwitchSessions(
                    settings.sessions != null
                            ? settings.sessions
                            : settings.sessionStoreUrl != null ? sharedSessions(owned) : builtInSessions(owned));
            Optional<JdbcSharedState> sharedState = openSharedState(owned);
            ReadOnlyMode readOnlyMode = sharedState
                    .map(store -> sharedSwitch(store, settings.readOnlyMode))
                    .orElse(settings.readOnlyMode);
            TargetWiring wiring = new TargetWiring(
                    settings.executorConfig(readOnlyMode),
                    settings.replyLimits,
                    settings.clock,
                    planner,
                    audit,
                    shared,
                    chosen,
                    settings.macros);
            TargetStack first = wiring.stack(SwitchSessions.FIRST_TARGET, pools, catalog, description);
            Targets targets = new Targets(wiring, first);
            Connections connections =
                    new Connections(targets, settings.connectTargets, settings.clock, sharedState, sharedKey());
            if (sharedState.isPresent()) {
                // a server that starts after a connect serves what the operator chose, not its database.url
                connections.follow(sharedState.get().target());
                owned.opened(SharedFollower.start(
                        "connects", () -> connections.follow(sharedState.get().target())));
            }
            return new TableTalk(
                    targets,
                    connections,
                    new ReloadableSettings(
                            settings.limits, settings.roles, settings.replyLimits, settings.readOnlyMode.isOn()),
                    Optional.ofNullable(settings.settingsSource),
                    readOnlyMode,
                    owned,
                    sharedState,
                    Optional.ofNullable(settings.catalogPollInterval));
        } catch (RuntimeException e) {
            if (pools != null) {
                owned.closeLast(pools.closer());
            }
            owned.closeAll();
            throw e;
        }
    }

    /**
     * The names of the settings checked against the target database, without building anything: the catalog
     * overrides ({@link JdbcSchemaCatalog#checkOverrides}), then, when they apply, each macro against the catalog they
     * give.
     */
    List<SettingsProblem> checkAgainstDatabase() {
        if (settings.targetUrl == null) {
            throw new ConfigurationException("no target database URL to check the settings against: set database.url");
        }
        CatalogOptions options = chosenOptions();
        List<SettingsProblem> problems = new ArrayList<>();
        try (PooledDataSource pool = targetSpec().dataSource(1)) {
            JdbcSchemaCatalog.checkOverrides(pool, options)
                    .forEach(problem -> problems.add(new SettingsProblem(problem.key(), problem.message())));
            if (!problems.isEmpty()) {
                return problems;
            }
            EntityCatalog catalog = JdbcSchemaCatalog.create(pool, options).current();
            settings.roles
                    .problems(catalog)
                    .forEach(problem -> problems.add(
                            new SettingsProblem("roles." + problem.role() + "." + problem.path(), problem.message())));
            for (Macro macro : settings.macros.all()) {
                macro.problems(catalog)
                        .forEach(problem -> problems.add(new SettingsProblem("macros." + macro.name(), problem)));
            }
        }
        return problems;
    }

    /** The catalog options given, else the defaults with the limits' tenant column. */
    CatalogOptions chosenOptions() {
        return settings.catalogOptions != null
                ? settings.catalogOptions
                : CatalogOptions.builder()
                        .tenantColumn(settings.limits.tenantColumn())
                        .build();
    }

    private void requireTarget() {
        if (settings.targetDataSource == null && settings.targetUrl == null) {
            throw new ConfigurationException(
                    "no target database: call targetDatabase(url) or " + "targetDatabase(dataSource)");
        }
        if (settings.targetDataSource != null && settings.targetPasswordVariable != null) {
            throw new ConfigurationException("targetPasswordFromEnv applies to a target URL, not to a data source");
        }
    }

    /** Every role names only entities and columns the schema exposes, and rules on fields they have (#14). */
    private void requireRolesFit(SchemaCatalog catalog) {
        List<RoleProblem> problems = settings.roles.problems(catalog.current());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("roles do not fit the schema: "
                    + String.join(
                            "; ", problems.stream().map(RoleProblem::toString).toList()));
        }
    }

    /** Every macro names only what the schema exposes, with its parameters in value places (#14). */
    private void requireMacrosFit(SchemaCatalog catalog) {
        List<String> problems = settings.macros.problems(catalog.current());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("macros do not fit the schema: " + String.join("; ", problems));
        }
    }

    private CatalogOptions withProgress(CatalogOptions chosen) {
        if (settings.progress == null) {
            return chosen;
        }
        TableTalk.LoadProgress listener = settings.progress;
        return chosen.toBuilder().progress(listener::step).build();
    }

    private void requireConsistent(CatalogOptions options) {
        if (settings.sessions != null && settings.sessionLimitsSet) {
            throw new ConfigurationException("sessionIdleTimeout and maxSessionsPerUser configure the built-in "
                    + "session store; set them on the session store given to sessions(...) instead");
        }
        String tenantColumn = settings.limits.tenantColumn();
        if (!options.tenantColumn().equals(tenantColumn)) {
            throw new ConfigurationException("the catalog's tenant column (" + options.tenantColumn()
                    + ") differs from the limits' tenant column (" + tenantColumn + "): set the same column in both");
        }
    }

    private ConnectionSpec targetSpec() {
        return withCredentials(ConnectionSpec.parse(settings.targetUrl));
    }

    /** {@code spec} with the target's configured user and password (or the variable holding the password). */
    ConnectionSpec withCredentials(ConnectionSpec spec) {
        if (settings.targetUser != null) {
            spec = spec.withUser(settings.targetUser);
        }
        if (settings.targetPassword != null) {
            spec = spec.withPassword(settings.targetPassword);
        }
        return settings.targetPasswordVariable != null
                ? spec.withPasswordFromEnv(settings.targetPasswordVariable)
                : spec;
    }

    /** The schema and the audit store are independent: reads one while the other opens (start time). */
    private AuditLog openAuditWhileLoading(SchemaCatalog catalog, OwnedResources owned) {
        CompletableFuture<Void> loading = settings.loadCatalogAtBuild
                ? CompletableFuture.runAsync(catalog::current, Assembly::startDaemon)
                : CompletableFuture.completedFuture(null);
        AuditLog audit;
        try {
            audit = openAudit(owned);
        } finally {
            awaitQuietly(loading);
        }
        awaitCatalog(loading);
        return audit;
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

    static void failUnlessReachable(ConnectionCheck.Result check) {
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
                throw new DependencyUnavailableException(
                        Dependency.TARGET_DATABASE,
                        true,
                        "cannot connect to the target database: " + check.oneLine(),
                        null);
        }
    }

    /** The store shared with other servers, when one is configured, closed with TableTalk. */
    private Optional<JdbcSharedState> openSharedState(OwnedResources owned) {
        if (settings.sharedStateUrl == null) {
            return Optional.empty();
        }
        JdbcSharedState opened = JdbcSharedState.open(settings.sharedStateUrl, settings.clock);
        owned.opened(opened);
        return Optional.of(opened);
    }

    /** The key that seals connect URLs with a password in the shared store, when one is set. */
    private Optional<SharedKey> sharedKey() {
        if (settings.sharedStateKey == null) {
            return Optional.empty();
        }
        if (settings.sharedStateUrl == null) {
            throw new ConfigurationException("sharedState.key is set without sharedState.url: set both on every "
                    + "server that shares state, or neither");
        }
        return Optional.of(SharedKey.fromBase64(settings.sharedStateKey));
    }

    /**
     * The read-only switch of every server, held in the shared store. A switch given on (readOnly: true) is put on
     * for every server; one given off never turns off a switch another server put on.
     */
    private static ReadOnlyMode sharedSwitch(JdbcSharedState store, ReadOnlyMode given) {
        ReadOnlyMode shared = ReadOnlyMode.sharedIn(store.readOnlySwitch());
        if (given.isOn()) {
            shared.set(true);
        }
        return shared;
    }

    /** The in-memory session store on the builder's clock, swept periodically until closed. */
    private InMemorySessionStore builtInSessions(OwnedResources owned) {
        InMemorySessionStore store =
                new InMemorySessionStore(settings.clock, settings.sessionIdleTimeout, settings.maxSessionsPerUser);
        owned.opened(SessionSweeper.start(store));
        return store;
    }

    /** The shared JDBC session store, on the builder's clock and session limits, closed with the TableTalk. */
    private JdbcSessionStore sharedSessions(OwnedResources owned) {
        SessionStoreConfig config = SessionStoreConfig.of(settings.sessionStoreUrl)
                .withSessionLimits(settings.sessionIdleTimeout, settings.maxSessionsPerUser);
        if (settings.sessionStoreUser != null) {
            config = config.withCredentials(settings.sessionStoreUser, settings.sessionStorePassword);
        } else if (settings.sessionStorePassword != null) {
            throw new ConfigurationException("a session store password needs its user: set sessions.user too");
        }
        JdbcSessionStore store = JdbcSessionStore.open(config, settings.clock);
        owned.opened(store);
        return store;
    }

    private AuditLog openAudit(OwnedResources owned) {
        if (settings.auditLog != null) {
            return settings.auditLog;
        }
        JdbcAuditLog opened;
        if (settings.auditDataSource != null) {
            opened = JdbcAuditLog.create(settings.auditDataSource);
        } else if (settings.auditUrl != null) {
            opened = JdbcAuditLog.open(settings.auditUrl);
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
