package dev.tabletalk.executorjooq;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of the guarded executor.
 *
 * @param limits row caps, IN-list length, tenant column, statement and lock timeouts
 * @param rolePolicy which roles may use which intents (checked at preview and again at execute)
 * @param readOnlyMode the emergency switch shared with the engine; while on, every write is refused
 * @param maxQueryCost the optional EXPLAIN cost gate for PostgreSQL (planner total cost) and
 *     MariaDB/MySQL (estimated rows examined, as their EXPLAIN reports no cost); empty = no gate
 * @param dedicatedPool the target data source is a pool that serves this executor and nothing else
 *     (see {@link #withDedicatedPool()}); false = the data source may be shared, and every transaction
 *     sets what it needs and leaves no session state behind on PostgreSQL
 */
public record ExecutorConfig(
        Limits limits,
        RolePolicy rolePolicy,
        ReadOnlyMode readOnlyMode,
        OptionalDouble maxQueryCost,
        boolean dedicatedPool) {

    public ExecutorConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(rolePolicy, "rolePolicy");
        Objects.requireNonNull(readOnlyMode, "readOnlyMode");
        Objects.requireNonNull(maxQueryCost, "maxQueryCost");
        if (maxQueryCost.isPresent() && !(maxQueryCost.getAsDouble() > 0)) {
            throw new ConfigurationException(
                    "the maximum query cost must be positive, not " + maxQueryCost.getAsDouble());
        }
    }

    /** A configuration for a data source that may be shared (not {@link #dedicatedPool}). */
    public ExecutorConfig(
            Limits limits, RolePolicy rolePolicy, ReadOnlyMode readOnlyMode, OptionalDouble maxQueryCost) {
        this(limits, rolePolicy, readOnlyMode, maxQueryCost, false);
    }

    /** Default limits and roles, read-only mode off, no cost gate. */
    public static ExecutorConfig defaults() {
        return new ExecutorConfig(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off(), OptionalDouble.empty());
    }

    public static ExecutorConfig of(Limits limits, RolePolicy rolePolicy, ReadOnlyMode readOnlyMode) {
        return new ExecutorConfig(limits, rolePolicy, readOnlyMode, OptionalDouble.empty());
    }

    public ExecutorConfig withMaxQueryCost(double cost) {
        return new ExecutorConfig(limits, rolePolicy, readOnlyMode, OptionalDouble.of(cost), dedicatedPool);
    }

    /**
     * This configuration for a target pool that the executor owns: no other code may take connections
     * from it. On PostgreSQL each physical connection then gets the statement timeout and
     * {@code default_transaction_read_only} once, at session level, and reads run in autocommit (every
     * statement its own server-enforced read-only transaction, one round trip instead of three); writes
     * switch their own transaction to read-write and set their timeouts as before. The connections
     * keep those session settings when they go back to the pool, which is why nothing else may use it.
     * Other databases behave as without this setting.
     */
    public ExecutorConfig withDedicatedPool() {
        return new ExecutorConfig(limits, rolePolicy, readOnlyMode, maxQueryCost, true);
    }
}
