package dev.tabletalk.audit.archfixture;

import com.zaxxer.hikari.HikariDataSource;

/** Breaks R3: a store builds its own HikariCP pool instead of opening jdbc-support's StorePool. */
public class AuditPoolsItself {
    public HikariDataSource pool;
}
