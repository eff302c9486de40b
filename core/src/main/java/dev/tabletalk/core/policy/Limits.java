package dev.tabletalk.core.policy;

import dev.tabletalk.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The hard limits of every turn, with safe defaults. A configuration may lower the row cap
 * ({@link #HARD_MAX_ROWS}) but never raise it.
 *
 * @param maxRows the most rows a read returns (1..{@value #HARD_MAX_ROWS})
 * @param maxAffectedRows the most rows one update may change, for roles without their own cap
 * @param previewTtl how long a preview can be confirmed
 * @param maxMessageChars the longest message accepted, in Unicode code points
 * @param maxFilters the most conditions in one plan (the leaves of its condition tree)
 * @param maxInItems the most values in one {@code in} list
 * @param tenantColumn the column that scopes rows to a tenant (forced from the caller's identity)
 * @param statementTimeout how long one statement may run
 * @param lockTimeout how long a confirmed write waits for row locks
 */
public record Limits(
        int maxRows,
        int maxAffectedRows,
        Duration previewTtl,
        int maxMessageChars,
        int maxFilters,
        int maxInItems,
        String tenantColumn,
        Duration statementTimeout,
        Duration lockTimeout) {

    /** No configuration can make a read return more rows than this (invariant 3). */
    public static final int HARD_MAX_ROWS = 100;

    public Limits {
        Objects.requireNonNull(previewTtl, "previewTtl");
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (maxRows < 1 || maxRows > HARD_MAX_ROWS) {
            throw new ConfigurationException("max rows must be between 1 and " + HARD_MAX_ROWS + ", not " + maxRows
                    + ": the cap may be lowered, never raised");
        }
        requirePositive("max affected rows", maxAffectedRows);
        requirePositive("max message length", maxMessageChars);
        requirePositive("max filters", maxFilters);
        requirePositive("max IN items", maxInItems);
        requirePositive("preview time-to-live", previewTtl);
        requirePositive("statement timeout", statementTimeout);
        requirePositive("lock timeout", lockTimeout);
        if (tenantColumn.isBlank()) {
            throw new ConfigurationException("the tenant column needs a name");
        }
    }

    /** Max rows 100, max affected rows 20, preview TTL 5 min, 4,000 characters, 10 filters, 100 IN items. */
    public static Limits defaults() {
        return new Limits(
                HARD_MAX_ROWS,
                20,
                Duration.ofMinutes(5),
                4_000,
                10,
                100,
                "company_id",
                Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    public Limits withMaxRows(int value) {
        return new Limits(
                value,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                maxFilters,
                maxInItems,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withMaxAffectedRows(int value) {
        return new Limits(
                maxRows,
                value,
                previewTtl,
                maxMessageChars,
                maxFilters,
                maxInItems,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withPreviewTtl(Duration value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                value,
                maxMessageChars,
                maxFilters,
                maxInItems,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withMaxMessageChars(int value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                value,
                maxFilters,
                maxInItems,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withMaxFilters(int value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                value,
                maxInItems,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withMaxInItems(int value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                maxFilters,
                value,
                tenantColumn,
                statementTimeout,
                lockTimeout);
    }

    public Limits withTenantColumn(String value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                maxFilters,
                maxInItems,
                value,
                statementTimeout,
                lockTimeout);
    }

    public Limits withStatementTimeout(Duration value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                maxFilters,
                maxInItems,
                tenantColumn,
                value,
                lockTimeout);
    }

    public Limits withLockTimeout(Duration value) {
        return new Limits(
                maxRows,
                maxAffectedRows,
                previewTtl,
                maxMessageChars,
                maxFilters,
                maxInItems,
                tenantColumn,
                statementTimeout,
                value);
    }

    /** The row cap actually applied to a requested limit: never above {@link #maxRows}. */
    public int effectiveRowLimit(int requested) {
        return Math.max(1, Math.min(requested, maxRows));
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new ConfigurationException(what + " must be at least 1, not " + value);
        }
    }

    private static void requirePositive(String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(what + " must be positive, not " + value);
        }
    }
}
