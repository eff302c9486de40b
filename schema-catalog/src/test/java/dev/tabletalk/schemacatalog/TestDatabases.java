package dev.tabletalk.schemacatalog;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

/**
 * Fresh, uniquely named databases on the test PostgreSQL and MariaDB servers (testkit's {@link DatabaseServers}:
 * services, Testcontainers or embedded), and the sample data sets vendored as test resources.
 */
final class TestDatabases {

    private TestDatabases() {}

    /** The URL of the PostgreSQL administrator's database. */
    static String pgAdminUrl() {
        return DatabaseServers.postgres().adminUrl();
    }

    /** The URL of the MariaDB administrator's database (skips the test when there is no MariaDB). */
    static String mariaDbAdminUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    static String uniqueName(String purpose) {
        return "tt_sc_" + purpose + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /**
     * The text of a sample data set vendored as a test resource under {@code datasets/} (see its README for the
     * sources and licences); a file stored gzipped ({@code relative + ".gz"}) is read through a GZIPInputStream.
     */
    static String dataset(String relative) {
        String name = "/datasets/" + relative;
        try (InputStream plain = TestDatabases.class.getResourceAsStream(name)) {
            if (plain != null) {
                return new String(plain.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sample data set " + name, e);
        }
        try (InputStream gzipped = TestDatabases.class.getResourceAsStream(name + ".gz")) {
            if (gzipped == null) {
                throw new IllegalStateException("sample data set missing from the test resources: " + name);
            }
            try (InputStream text = new GZIPInputStream(gzipped)) {
                return new String(text.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sample data set " + name + ".gz", e);
        }
    }

    // ------------------------------------------------------------ PostgreSQL

    static String pgUrl(String database) {
        return DatabaseServers.postgres().url(database);
    }

    static Connection pgAdmin() throws SQLException {
        return DatabaseServers.postgres().admin();
    }

    static String createPgDatabase(String purpose) {
        String name = uniqueName(purpose);
        DatabaseServers.postgres().execute("create database " + name);
        return name;
    }

    static void dropPgDatabase(String name) {
        DatabaseServers.postgres().dropDatabase(name);
    }

    static Connection pg(String database) throws SQLException {
        return DatabaseServers.postgres().connect(database);
    }

    static PooledDataSource pgDataSource(String database) {
        DatabaseServer server = DatabaseServers.postgres();
        return ConnectionSpec.parse(server.url(database))
                .withUser(server.user())
                .withPassword(server.password())
                .dataSource(2);
    }

    /** Loads a SQL script (psql's rules: dollar quotes, COPY ... FROM stdin) through testkit's SqlScript. */
    static void pgLoad(String database, String script) {
        DatabaseServers.postgres().runScript(database, script);
    }

    // ------------------------------------------------------------ MariaDB

    static Connection mariaDb(String database) throws SQLException {
        return DatabaseServers.mariaDb().connect(database);
    }

    static String mariaDbUrl(String database) {
        return DatabaseServers.mariaDb().url(database);
    }

    static String createMariaDb(String purpose) {
        String name = uniqueName(purpose);
        DatabaseServers.mariaDb().execute("create database " + name + " character set utf8mb4");
        return name;
    }

    static void dropMariaDb(String name) {
        DatabaseServers.mariaDb().dropDatabase(name);
    }

    /**
     * Loads a MySQL dump into this database through testkit's SqlScript (DELIMITER, conditional comments), without its own
     * CREATE/DROP/USE SCHEMA lines and schema qualifiers (so parallel runs never collide).
     */
    static void mariaDbLoad(String database, String dump, String dumpSchema) {
        List<String> kept = new ArrayList<>();
        for (String line : dump.split("\n", -1)) {
            String upper = line.strip().toUpperCase(Locale.ROOT);
            if (upper.startsWith("DROP SCHEMA")
                    || upper.startsWith("CREATE SCHEMA")
                    || upper.startsWith("USE ")
                    || upper.startsWith("DROP DATABASE")
                    || upper.startsWith("CREATE DATABASE")) {
                continue;
            }
            kept.add(line.replace("`" + dumpSchema + "`.", "").replace(dumpSchema + ".", ""));
        }
        DatabaseServers.mariaDb().runScript(database, String.join("\n", kept));
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
