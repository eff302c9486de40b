package dev.tabletalk.audit.archfixture;

import org.jooq.DSLContext;

/** Breaks R3: jOOQ outside the executor and the schema catalog. */
public class AuditUsesJooq {
    public DSLContext context;
}
