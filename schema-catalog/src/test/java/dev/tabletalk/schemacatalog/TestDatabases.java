package dev.tabletalk.schemacatalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Fresh, uniquely named databases on the local PostgreSQL and MariaDB services, and the sample data sets vendored
 * as test resources.
 */
final class TestDatabases {

    static final String PG_URL = env("TABLETALK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String MARIADB_URL = env("TABLETALK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");

    private TestDatabases() {}

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String uniqueName(String purpose) {
        return "tt_sc_" + purpose + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
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
        return PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    static Connection pgAdmin() throws SQLException {
        return DriverManager.getConnection(PG_URL, "postgres", "");
    }

    static String createPgDatabase(String purpose) throws SQLException {
        String name = uniqueName(purpose);
        try (Connection connection = pgAdmin(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }

    static void dropPgDatabase(String name) {
        try (Connection connection = pgAdmin(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + name, e);
        }
    }

    static Connection pg(String database) throws SQLException {
        return DriverManager.getConnection(pgUrl(database), "postgres", "");
    }

    static PooledDataSource pgDataSource(String database) {
        return ConnectionSpec.parse(pgUrl(database)).withUser("postgres").dataSource(2);
    }

    /** Loads a SQL script with psql, given on its standard input (COPY ... FROM stdin blocks need psql). */
    static void psql(String database, String script) {
        URI uri = URI.create(PG_URL.substring("jdbc:".length()));
        run(List.of("psql", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"), script);
    }

    // ------------------------------------------------------------ MariaDB

    static Connection mariaDb(String database) throws SQLException {
        return DriverManager.getConnection(mariaDbUrl(database), "root", "");
    }

    static String mariaDbUrl(String database) {
        return MARIADB_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    static String createMariaDb(String purpose) throws SQLException {
        String name = uniqueName(purpose);
        try (Connection connection = mariaDb("test"); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name + " character set utf8mb4");
        }
        return name;
    }

    static void dropMariaDb(String name) {
        try (Connection connection = mariaDb("test"); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + name, e);
        }
    }

    /**
     * Loads a MySQL dump into this database with the mariadb client, without its own
     * CREATE/DROP/USE SCHEMA lines and schema qualifiers (so parallel runs never collide).
     */
    static void mariaDbLoad(String database, String dump, String dumpSchema) {
        List<String> kept = new ArrayList<>();
        for (String line : dump.split("\n", -1)) {
            String upper = line.strip().toUpperCase(Locale.ROOT);
            if (upper.startsWith("DROP SCHEMA") || upper.startsWith("CREATE SCHEMA") || upper.startsWith("USE ")
                    || upper.startsWith("DROP DATABASE") || upper.startsWith("CREATE DATABASE")) {
                continue;
            }
            kept.add(line.replace("`" + dumpSchema + "`.", "").replace(dumpSchema + ".", ""));
        }
        URI uri = URI.create(MARIADB_URL.substring("jdbc:".length()));
        run(List.of("mariadb", "-h", uri.getHost(), "-P", Integer.toString(uri.getPort() < 0 ? 3306
                : uri.getPort()), "-u", "root", database), String.join("\n", kept));
    }

    private static void run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                process.getOutputStream().close();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (is the client installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
