package dev.tabletalk.audit;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.h2.tools.Server;

/** A fresh, uniquely named audit store for one test, dropped afterwards. */
abstract class TestStore implements AutoCloseable {

    /** The configuration to open the store with. */
    abstract AuditStoreConfig config();

    /** A plain JDBC connection to the same store, for tampering by hand. */
    abstract Connection connect() throws SQLException;

    /** Makes the store unreachable or unwritable. */
    abstract void takeDown() throws Exception;

    /**
     * The configuration of a new user {@code name} that may only {@code SELECT}, {@code INSERT}, {@code UPDATE} and
     * {@code DELETE} the rows of the store's tables as they are now; empty where the store has no such user.
     */
    Optional<AuditStoreConfig> readWriteUser(String name) {
        return Optional.empty();
    }

    /** Drops the user {@link #readWriteUser} made. */
    void dropReadWriteUser(String name) {}

    @Override
    public abstract void close();

    static String uniqueName() {
        return "tt_audit_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** An H2 database behind its own TCP server, so the test can stop the server like a store going down. */
    static TestStore h2(Path directory) {
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", directory.toString(), "-ifNotExists")
                    .start();
            String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/" + uniqueName() + ";LOCK_TIMEOUT=10000";
            return new TestStore() {
                @Override
                AuditStoreConfig config() {
                    return AuditStoreConfig.of(url).withCredentials("sa", "");
                }

                @Override
                Connection connect() throws SQLException {
                    return DriverManager.getConnection(url, "sa", "");
                }

                @Override
                void takeDown() {
                    try {
                        server.stop();
                    } catch (AssertionError e) {
                        // H2 asserts on its store's bookkeeping while closing it under concurrent writes (seen as
                        // "1 != 2" in MVStore.closeStore on a loaded machine); the server stops all the same
                        if (server.isRunning(false)) {
                            throw e;
                        }
                    }
                }

                @Override
                public void close() {
                    server.stop();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start an H2 TCP server", e);
        }
    }

    /** A fresh schema in the PostgreSQL test database (testkit's {@link DatabaseServers}). */
    static TestStore postgres() {
        DatabaseServer server = DatabaseServers.postgres();
        String schema = uniqueName();
        server.execute("CREATE SCHEMA " + schema);
        String url = server.adminUrl() + (server.adminUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore() {
            @Override
            AuditStoreConfig config() {
                return AuditStoreConfig.of(url)
                        .withCredentials(server.user(), server.password().isEmpty() ? null : server.password());
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(url, server.user(), server.password());
            }

            @Override
            void takeDown() {
                server.execute("DROP SCHEMA " + schema + " CASCADE");
            }

            @Override
            Optional<AuditStoreConfig> readWriteUser(String name) {
                server.execute(
                        "CREATE ROLE " + name + " LOGIN",
                        "GRANT USAGE ON SCHEMA " + schema + " TO " + name,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + name);
                return Optional.of(AuditStoreConfig.of(url).withCredentials(name, null));
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

    /** A fresh database on the MariaDB server (skips the test when there is no MariaDB). */
    static TestStore mariadb() {
        DatabaseServer server = DatabaseServers.mariaDb();
        String database = uniqueName();
        server.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        String url = server.url(database);
        return new TestStore() {
            @Override
            AuditStoreConfig config() {
                return AuditStoreConfig.of(url).withCredentials(server.user(), server.password());
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(url, server.user(), server.password());
            }

            @Override
            void takeDown() {
                server.execute("DROP DATABASE " + database);
            }

            @Override
            Optional<AuditStoreConfig> readWriteUser(String name) {
                server.execute(
                        "CREATE USER '" + name + "'@'%' IDENTIFIED BY 'Rw-" + name + "'",
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + database + ".* TO '" + name + "'@'%'");
                return Optional.of(AuditStoreConfig.of(url).withCredentials(name, "Rw-" + name));
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
