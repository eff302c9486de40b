package dev.tabletalk.audit;

/** The JDBC audit log on MariaDB, each test in a fresh database. */
class JdbcAuditLogMariaDbIT extends AbstractJdbcAuditLogIT {

    @Override
    TestStore newStore() {
        return TestStore.mariadb();
    }
}
