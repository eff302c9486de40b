package dev.tabletalk.testkit.contract;

/**
 * What a guarded executor may leave to others, so that a fake can be held to the rest of the
 * port-level contract: each test that needs one of these says so, and an executor without it skips
 * just that test. The real executor has every one ({@link ExecutorContractSupport#capabilities()}).
 */
public enum ExecutorCapability {
    /** It validates every plan again itself (names, hidden names, types, limits, roles, read-only mode). */
    PLAN_CHECKS,
    /** It checks unique and foreign-key constraints before a preview and says which one fails. */
    CONSTRAINT_CHECKS,
    /** It scopes entities without the tenant column through their foreign keys, views and reference data. */
    FOREIGN_KEY_TENANCY,
    /** Its masks keep a hint of the value ({@code c***@example.com}), not only stars. */
    PARTIAL_MASKS
}
