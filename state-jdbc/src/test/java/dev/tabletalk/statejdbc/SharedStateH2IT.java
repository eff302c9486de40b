package dev.tabletalk.statejdbc;

import dev.tabletalk.testkit.db.DatabaseServer;

/** The shared store on an in-process H2 database of its own per test. */
class SharedStateH2IT extends AbstractSharedStateIT {

    @Override
    String createStore() {
        return "jdbc:h2:mem:" + DatabaseServer.uniqueName("tt_shared") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    @Override
    void dropStore() {
        // an in-memory database: gone with the JVM, and never shared with another test
    }
}
