package dev.tabletalk.plannerrules;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the {@link RulesPlanner}.
 *
 * @param tenantColumn the tenant column (e.g. {@code company_id}); the planner never names it, since it is set
 *     from the caller's identity only (invariant 7)
 * @param maxTypoDistance the largest edit distance at which a misspelt name is still resolved (0 turns typo
 *     tolerance off); it is only ever used when exactly one name is that close
 */
public record RulesPlannerConfig(String tenantColumn, int maxTypoDistance) {

    public RulesPlannerConfig {
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        tenantColumn = tenantColumn.strip().toLowerCase(Locale.ROOT);
        if (maxTypoDistance < 0 || maxTypoDistance > 2) {
            throw new IllegalArgumentException("maxTypoDistance must be 0, 1 or 2");
        }
    }

    /** Tenant column {@code company_id}, typos up to two edits on long names. */
    public static RulesPlannerConfig defaults() {
        return new RulesPlannerConfig("company_id", 2);
    }
}
