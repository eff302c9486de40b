package dev.tabletalk.testkit.db;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * One test database server and an administrator on it: where it is, how to reach a database on it, and fresh
 * databases or schemas for a test, created and dropped. Immutable; every method opens its own connection.
 *
 * @param engine the engine
 * @param source where the server comes from
 * @param host the host name or address
 * @param port the port
 * @param database the database the administrator connects to ({@code test})
 * @param query the URL's query string without {@code ?}, empty when there is none (e.g. {@code sslmode=disable})
 * @param user the administrator
 * @param password the administrator's password (empty with trust authentication)
 */
public record DatabaseServer(
        Engine engine,
        Source source,
        String host,
        int port,
        String database,
        String query,
        String user,
        String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The server behind a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable}. */
    public static DatabaseServer of(Engine engine, Source source, String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:" + engine.scheme() + "://")) {
            throw new IllegalArgumentException("not a " + engine.displayName() + " URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/test" : uri.getPath();
        return new DatabaseServer(
                engine,
                source,
                uri.getHost(),
                uri.getPort() < 0 ? engine.defaultPort() : uri.getPort(),
                path.substring(1),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                user,
                password == null ? "" : password);
    }

    /** A fresh lower-case name for a database, schema or role: {@code prefix_} and 10 hex digits. */
    public static String uniqueName(String prefix) {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /** The URL of the administrator's database. */
    public String adminUrl() {
        return url(database);
    }

    /** The URL of {@code name} on this server (with the same query parameters as the administrator's). */
    public String url(String name) {
        return "jdbc:" + engine.scheme() + "://" + hostAndPort() + "/" + name + (query.isEmpty() ? "" : "?" + query);
    }

    /** {@link #url(String)} carrying the administrator's credentials as parameters, for tools that take one URL. */
    public String urlWithUser(String name) {
        String url = url(name) + (query.isEmpty() ? "?" : "&") + "user=" + encode(user);
        return password.isEmpty() ? url : url + "&password=" + encode(password);
    }

    /** {@code host:port}. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    /** A connection of the administrator to the administrator's database. */
    public Connection admin() throws SQLException {
        return connect(database);
    }

    /** A connection of the administrator to the database {@code name}. */
    public Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(url(name), user, password);
    }

    /** Creates a database with a fresh name starting with {@code prefix} and returns the name. */
    public String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        // MariaDB: utf8mb4 as on the services, whatever the server's default
        execute(
                engine == Engine.MARIADB
                        ? "create database " + name + " character set utf8mb4"
                        : "create database " + name);
        return name;
    }

    /**
     * Runs a SQL script as the administrator on the database {@code name}, split by this engine's client's rules
     * and stopping at the first failing statement ({@link SqlScript}): no command-line client is needed.
     */
    public void runScript(String name, String script) {
        SqlScript parsed = SqlScript.parse(engine, script);
        try (Connection connection = connect(name)) {
            parsed.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    engine.displayName() + " at " + hostAndPort() + " (" + source + "): cannot connect to " + name, e);
        }
    }

    /** Drops the database {@code name} if it exists, closing its sessions on PostgreSQL. */
    public void dropDatabase(String name) {
        execute(
                engine == Engine.POSTGRES
                        ? "drop database if exists " + name + " with (force)"
                        : "drop database if exists " + name);
    }

    /** Creates a schema with a fresh name in the administrator's database (PostgreSQL) and returns the name. */
    public String createSchema(String prefix) {
        String name = uniqueName(prefix);
        execute("create schema " + name);
        return name;
    }

    /** Drops the schema {@code name} of the administrator's database and everything in it, if it exists. */
    public void dropSchema(String name) {
        execute("drop schema if exists " + name + " cascade");
    }

    /** Runs statements as the administrator on the administrator's database. */
    public void execute(String... statements) {
        try (Connection connection = admin();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    engine.displayName() + " at " + hostAndPort() + " (" + source + ") refused: "
                            + String.join("; ", statements),
                    e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
