package dev.tabletalk.statejdbc;

import dev.tabletalk.testkit.db.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared store on an in-process H2 database of its own per test. */
class SharedStateH2IT extends AbstractSharedStateIT {

    private String url;

    @Override
    String createStore() {
        url = "jdbc:h2:mem:" + DatabaseServer.uniqueName("tt_shared") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        return url;
    }

    @Override
    String createReadWriteUser(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER " + name + " PASSWORD 'Rw-" + name + "'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + StateSchema.BUCKETS + ", "
                    + StateSchema.OPERATOR + ", " + StateSchema.TARGET + " TO " + name);
        }
        // without the store's own settings, which only an administrator may make (the database is open already)
        return url.substring(0, url.indexOf(';')) + ";LOCK_TIMEOUT=10000;USER=" + name + ";PASSWORD=Rw-" + name;
    }

    @Override
    void dropReadWriteUser(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP USER IF EXISTS " + name);
        }
    }

    @Override
    void dropStore() {
        // an in-memory database: gone with the JVM, and never shared with another test
    }
}
