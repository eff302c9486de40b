package dev.tabletalk.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.h2.tools.Server;

/** A fresh, uniquely named audit store for one test, dropped afterwards. */
abstract class TestStore implements AutoCloseable {

    static final String PG_URL = env("TABLETALK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String MARIADB_URL = env("TABLETALK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");

    /** The configuration to open the store with. */
    abstract AuditStoreConfig config();

    /** A plain JDBC connection to the same store, for tampering by hand. */
    abstract Connection connect() throws SQLException;

    /** Makes the store unreachable or unwritable. */
    abstract void takeDown() throws Exception;

    @Override
    public abstract void close();

    static String uniqueName() {
        return "tt_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
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
                    server.stop();
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

    /** A fresh schema in the PostgreSQL test database. */
    static TestStore postgres() {
        String schema = uniqueName();
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
            execute(admin, "CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed at " + PG_URL + " (TABLETALK_PG_URL)", e);
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore() {
            @Override
            AuditStoreConfig config() {
                return AuditStoreConfig.of(url).withCredentials("postgres", null);
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(url, "postgres", "");
            }

            @Override
            void takeDown() throws SQLException {
                try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
                    execute(admin, "DROP SCHEMA " + schema + " CASCADE");
                }
            }

            @Override
            public void close() {
                try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
                    execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop schema " + schema, e);
                }
            }
        };
    }

    /** A fresh database on the MariaDB server. */
    static TestStore mariadb() {
        String database = uniqueName();
        try (Connection admin = DriverManager.getConnection(MARIADB_URL, "root", "")) {
            execute(admin, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is needed at " + MARIADB_URL + " (TABLETALK_MARIADB_URL)", e);
        }
        String url = MARIADB_URL.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + database);
        return new TestStore() {
            @Override
            AuditStoreConfig config() {
                return AuditStoreConfig.of(url).withCredentials("root", "");
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(url, "root", "");
            }

            @Override
            void takeDown() throws SQLException {
                try (Connection admin = DriverManager.getConnection(MARIADB_URL, "root", "")) {
                    execute(admin, "DROP DATABASE " + database);
                }
            }

            @Override
            public void close() {
                try (Connection admin = DriverManager.getConnection(MARIADB_URL, "root", "")) {
                    execute(admin, "DROP DATABASE IF EXISTS " + database);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop database " + database, e);
                }
            }
        };
    }
}
