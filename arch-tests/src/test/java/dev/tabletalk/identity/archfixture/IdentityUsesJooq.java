package dev.tabletalk.identity.archfixture;

import org.jooq.DSLContext;

/** Breaks IDENTITY_DEPENDS_ON_CORE_ONLY: a library beyond core, nimbus-jose-jwt and Jackson. */
public class IdentityUsesJooq {
    public DSLContext database;
}
