package dev.tabletalk.audit;

/** The JDBC audit log on MariaDB, each test in a fresh database. */
class JdbcAuditLogMariaDbIT extends AbstractJdbcAuditLogIT {

    @Override
    TestStore newStore() {
        return TestStore.mariadb();
    }

    /** The full 10 x 1,000 run is done on H2 and PostgreSQL; here 10 x 300 keeps the module's build short. */
    @Override
    int appendsPerThread() {
        return 300;
    }
}
