package dev.tabletalk.plannerrules.archfixture;

import dev.tabletalk.audit.archfixture.AuditUsesJooq;

/** Breaks R2: one adapter module depends on another. */
public class PlannerUsesAudit {
    public AuditUsesJooq audit;
}
