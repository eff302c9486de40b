package dev.tabletalk.core.archfixture;

import dev.tabletalk.jdbcsupport.Dialect;

/** Breaks R1 and R2: core depends on jdbc-support. */
public class CoreUsesJdbcSupport {
    public boolean isServer(Dialect dialect) {
        return dialect.isServer();
    }
}
