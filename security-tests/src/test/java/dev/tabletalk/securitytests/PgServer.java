package dev.tabletalk.securitytests;

import dev.tabletalk.testkit.db.DatabaseServers;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** The test PostgreSQL server (testkit's DatabaseServers): its URL and databases of our own, created and dropped. */
final class PgServer {

    static final String ADMIN_URL = DatabaseServers.postgres().adminUrl();
    static final String USER = "postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PgServer() {}

    /** A fresh database name, e.g. {@code tt_sec_3fa2c1d0}. */
    static String newName(String prefix) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "tt_sec_" + prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /** The JDBC URL of {@code database} on the same server as {@link #ADMIN_URL}. */
    static String url(String database) {
        return urlOn(host() + ":" + port(), database);
    }

    static String urlOn(String hostAndPort, String database) {
        return "jdbc:postgresql://" + hostAndPort + "/" + database;
    }

    static String host() {
        String rest = ADMIN_URL.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
    }

    static int port() {
        String rest = ADMIN_URL.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, USER, "");
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    static void create(String database) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
    }

    static void drop(String database) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + database, e);
        }
    }
}
