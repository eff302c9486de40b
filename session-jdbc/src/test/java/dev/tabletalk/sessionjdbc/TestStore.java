package dev.tabletalk.sessionjdbc;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A fresh session store database for one test, dropped afterwards. */
abstract class TestStore implements AutoCloseable {

    /** The configuration to open the store with. */
    abstract SessionStoreConfig config();

    /**
     * {@code config} with generous connection and statement timeouts: the tests are about what the store does, not
     * how quickly, and must pass on a busy machine too (an H2 file took over 10 s to open at a load average of 20).
     */
    static SessionStoreConfig patient(SessionStoreConfig config) {
        return new SessionStoreConfig(
                config.url(),
                config.user(),
                config.password(),
                config.maxPoolSize(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                config.idleTtl(),
                config.maxSessionsPerUser());
    }

    /** Runs statements on the store by hand (tampering with rows). */
    void execute(String... statements) throws SQLException {
        SessionStoreConfig config = config();
        try (Connection connection = DriverManager.getConnection(
                        config.url(),
                        config.user().orElse(null),
                        config.password().orElse(null));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The number a counting query on the store answers. */
    long count(String sql) throws SQLException {
        SessionStoreConfig config = config();
        try (Connection connection = DriverManager.getConnection(
                        config.url(),
                        config.user().orElse(null),
                        config.password().orElse(null));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether a connection to the store can be lost ({@link #endConnection}): not to an embedded database. */
    boolean canLoseConnections() {
        return true;
    }

    /**
     * Ends {@code victim}, a connection to this store, from another connection, as a store restart or a broken
     * network would; returns once it is gone.
     */
    void endConnection(Connection victim) throws SQLException {
        String product = victim.getMetaData().getDatabaseProductName();
        if (product.contains("PostgreSQL")) {
            execute("SELECT pg_terminate_backend(" + id(victim, "SELECT pg_backend_pid()") + ", 10000)");
        } else if (product.contains("MariaDB") || product.contains("MySQL")) {
            long id = id(victim, "SELECT CONNECTION_ID()");
            execute("KILL CONNECTION " + id);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (count("SELECT COUNT(*) FROM information_schema.processlist WHERE id = " + id) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("MariaDB connection " + id + " outlived its KILL");
                }
                Thread.onSpinWait();
            }
        } else {
            throw new UnsupportedOperationException("only connections to PostgreSQL and MariaDB are ended");
        }
    }

    private static long id(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The configuration of a new user {@code name} that may only {@code SELECT}, {@code INSERT}, {@code UPDATE} and
     * {@code DELETE} the rows of the store's tables as they are now.
     */
    abstract SessionStoreConfig readWriteUser(String name) throws SQLException;

    /** Drops the user {@link #readWriteUser} made. */
    abstract void dropReadWriteUser(String name) throws SQLException;

    @Override
    public abstract void close();

    /** An embedded H2 file in {@code directory}. */
    static TestStore h2(Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("sessions") + ";LOCK_TIMEOUT=10000";
        return new TestStore() {
            @Override
            SessionStoreConfig config() {
                return patient(SessionStoreConfig.of(url).withCredentials("sa", ""));
            }

            @Override
            boolean canLoseConnections() {
                return false;
            }

            @Override
            SessionStoreConfig readWriteUser(String name) throws SQLException {
                execute(
                        "CREATE USER " + name + " PASSWORD 'Rw-" + name + "'",
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + name);
                return patient(SessionStoreConfig.of(url).withCredentials(name, "Rw-" + name));
            }

            @Override
            void dropReadWriteUser(String name) throws SQLException {
                execute("DROP USER IF EXISTS " + name);
            }

            @Override
            public void close() {}
        };
    }

    /** A fresh schema in the PostgreSQL test database. */
    static TestStore postgres() {
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_sessions");
        String url = server.adminUrl() + (server.adminUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore() {
            @Override
            SessionStoreConfig config() {
                return patient(SessionStoreConfig.of(url)
                        .withCredentials(server.user(), server.password().isEmpty() ? null : server.password()));
            }

            @Override
            SessionStoreConfig readWriteUser(String name) {
                server.execute(
                        "CREATE ROLE " + name + " LOGIN",
                        "GRANT USAGE ON SCHEMA " + schema + " TO " + name,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + name);
                return patient(SessionStoreConfig.of(url).withCredentials(name, null));
            }

            @Override
            void dropReadWriteUser(String name) {
                server.execute("DROP OWNED BY " + name, "DROP ROLE " + name);
            }

            @Override
            public void close() {
                server.dropSchema(schema);
            }
        };
    }

    /** A fresh database on the MariaDB server (skips the test when there is none). */
    static TestStore mariadb() {
        DatabaseServer server = DatabaseServers.mariaDb();
        String database = server.createDatabase("tt_sessions");
        String url = server.url(database);
        return new TestStore() {
            @Override
            SessionStoreConfig config() {
                return patient(SessionStoreConfig.of(url).withCredentials(server.user(), server.password()));
            }

            @Override
            SessionStoreConfig readWriteUser(String name) {
                server.execute(
                        "CREATE USER '" + name + "'@'%' IDENTIFIED BY 'Rw-" + name + "'",
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + database + ".* TO '" + name + "'@'%'");
                return patient(SessionStoreConfig.of(url).withCredentials(name, "Rw-" + name));
            }

            @Override
            void dropReadWriteUser(String name) {
                server.execute("DROP USER IF EXISTS '" + name + "'@'%'");
            }

            @Override
            public void close() {
                server.dropDatabase(database);
            }
        };
    }
}
