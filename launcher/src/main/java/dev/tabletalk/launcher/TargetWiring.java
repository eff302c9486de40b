package dev.tabletalk.launcher;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.executorjooq.JooqGuardedExecutor;
import dev.tabletalk.schemacatalog.CatalogOptions;
import java.util.Objects;

/**
 * What every target database of a {@link TableTalk} shares: everything but the database itself. Builds the
 * engine of one target ({@link #stack}) on the same audit log, planner, limits, roles, read-only switch and
 * sessions.
 *
 * @param policy the limits, roles and read-only switch of the executor (and the engine)
 * @param replyLimits how big one reply may get
 * @param clock the clock for preview expiry and audit timestamps
 * @param planner the planner of every turn
 * @param auditLog the audit log every turn and connect is appended to
 * @param sessions the session store shared across switches
 * @param catalogOptions what to read of each target's schema
 * @param macros the operator's macros, the same on every target
 */
record TargetWiring(
        ExecutorConfig policy,
        ReplyLimits replyLimits,
        Clock clock,
        Planner planner,
        AuditLog auditLog,
        SwitchSessions sessions,
        CatalogOptions catalogOptions,
        Macros macros) {

    TargetWiring {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(replyLimits, "replyLimits");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(catalogOptions, "catalogOptions");
        Objects.requireNonNull(macros, "macros");
    }

    /** Builds the engine of one target on {@code pools}; it owns the pools' closer. */
    TargetStack stack(long generation, TargetPools pools, SchemaCatalog catalog, String description) {
        return new TargetStack(catalog, engine(generation, pools, catalog), pools, description, generation);
    }

    /**
     * A target without a database, for a server that could not follow another server's connect: every turn that
     * needs the database is answered as unavailable ({@link UnservedTarget}). It has no pool to close and cannot be
     * rewired (a reload then refuses, as for a database that cannot be read).
     */
    TargetStack unserved(long generation, long targetGeneration, String description) {
        UnservedTarget nothing = new UnservedTarget(targetGeneration);
        return TargetStack.withoutDatabase(nothing, engine(generation, nothing, nothing), description, generation);
    }

    /** The same wiring with another executor policy and reply limits (a reload of the settings). */
    TargetWiring with(ExecutorConfig nextPolicy, ReplyLimits nextReplyLimits) {
        return new TargetWiring(
                nextPolicy, nextReplyLimits, clock, planner, auditLog, sessions, catalogOptions, macros);
    }

    /**
     * {@code current} again on this wiring: the same database, catalog, pool and sessions, with an engine and
     * executor built on this wiring's settings.
     *
     * @throws IllegalStateException for a stack built without pools (tests)
     */
    TargetStack restack(TargetStack current) {
        TargetPools pools = current.pools()
                .orElseThrow(() -> new IllegalStateException("this target cannot be rewired: it has no pools"));
        return current.rewired(engine(current.generation(), pools, current.catalog()));
    }

    private ConversationEngine engine(long generation, TargetPools pools, SchemaCatalog catalog) {
        GuardedExecutor executor = JooqGuardedExecutor.create(
                pools.executor(), catalog, pools.executorOwnsItsPool() ? policy.withDedicatedPool() : policy);
        return engine(generation, catalog, executor);
    }

    private ConversationEngine engine(long generation, SchemaCatalog catalog, GuardedExecutor executor) {
        return ConversationEngine.builder()
                .schemaCatalog(catalog)
                .planner(planner)
                .executor(executor)
                .auditLog(auditLog)
                .sessions(sessions.forTarget(generation))
                .clock(clock)
                .limits(policy.limits())
                .replyLimits(replyLimits)
                .roles(policy.rolePolicy())
                .readOnlyMode(policy.readOnlyMode())
                .macros(macros)
                .build();
    }
}
