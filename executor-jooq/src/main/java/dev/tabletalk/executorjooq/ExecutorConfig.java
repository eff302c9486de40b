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
 */
public record ExecutorConfig(Limits limits, RolePolicy rolePolicy, ReadOnlyMode readOnlyMode, OptionalDouble maxQueryCost) {

    public ExecutorConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(rolePolicy, "rolePolicy");
        Objects.requireNonNull(readOnlyMode, "readOnlyMode");
        Objects.requireNonNull(maxQueryCost, "maxQueryCost");
        if (maxQueryCost.isPresent() && !(maxQueryCost.getAsDouble() > 0)) {
            throw new ConfigurationException("the maximum query cost must be positive, not " + maxQueryCost.getAsDouble());
        }
    }

    /** Default limits and roles, read-only mode off, no cost gate. */
    public static ExecutorConfig defaults() {
        return new ExecutorConfig(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off(), OptionalDouble.empty());
    }

    public static ExecutorConfig of(Limits limits, RolePolicy rolePolicy, ReadOnlyMode readOnlyMode) {
        return new ExecutorConfig(limits, rolePolicy, readOnlyMode, OptionalDouble.empty());
    }

    public ExecutorConfig withMaxQueryCost(double cost) {
        return new ExecutorConfig(limits, rolePolicy, readOnlyMode, OptionalDouble.of(cost));
    }
}
