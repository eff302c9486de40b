package dev.tabletalk.statejdbc;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;

/** The shared store on PostgreSQL, each test in a database of its own. */
class SharedStatePostgresIT extends AbstractSharedStateIT {

    private final DatabaseServer server = DatabaseServers.postgres();
    private String database;

    @Override
    String createStore() {
        database = server.createDatabase("tt_shared");
        return server.urlWithUser(database);
    }

    @Override
    void dropStore() {
        server.dropDatabase(database);
    }
}
