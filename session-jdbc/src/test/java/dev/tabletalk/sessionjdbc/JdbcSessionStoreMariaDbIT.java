package dev.tabletalk.sessionjdbc;

/** The JDBC session store on MariaDB, each test in a fresh database. */
class JdbcSessionStoreMariaDbIT extends AbstractJdbcSessionStoreIT {

    @Override
    TestStore newDatabase() {
        return TestStore.mariadb();
    }
}
