package dev.tabletalk.audit;

/** The JDBC audit log on PostgreSQL, each test in a fresh schema. */
class JdbcAuditLogPostgresIT extends AbstractJdbcAuditLogIT {

    @Override
    TestStore newStore() {
        return TestStore.postgres();
    }
}
