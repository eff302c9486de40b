package dev.tabletalk.statejdbc;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.util.List;
import java.util.Optional;

/** The shared store on MariaDB, each test in a database of its own. */
class SharedStateMariaDbIT extends AbstractSharedStateIT {

    private final DatabaseServer server = DatabaseServers.mariaDb();
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

    @Override
    boolean takesLimitsInOneBatch() {
        return true;
    }

    @Override
    Optional<String> batchCountsUnknownParameter() {
        return Optional.of("useBulkStmts=true");
    }

    @Override
    String createReadWriteUser(String name) {
        server.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY 'Rw-" + name + "'");
        for (String table : List.of(StateSchema.BUCKETS, StateSchema.OPERATOR, StateSchema.TARGET)) {
            server.execute(
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON " + database + "." + table + " TO '" + name + "'@'%'");
        }
        String url = server.url(database);
        return url + (url.contains("?") ? "&" : "?") + "user=" + name + "&password=Rw-" + name;
    }

    @Override
    void dropReadWriteUser(String name) {
        server.execute("DROP USER IF EXISTS '" + name + "'@'%'");
    }
}
