package dev.tabletalk.app;

import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of its own holding the reference shop ({@link ShopFixture}), for the app's tests that run
 * {@code tabletalk.jar} as a process: created with a random name, dropped (with its connections) when closed.
 */
final class ShopDatabase implements AutoCloseable {

    private static final String ADMIN_URL = DatabaseServers.postgres().adminUrl();

    private final String name;

    private ShopDatabase(String name) {
        this.name = name;
    }

    /** A new database named {@code prefix} and a random suffix, with the shop's tables and seed rows. */
    static ShopDatabase create(String prefix) throws SQLException {
        ShopDatabase shop = new ShopDatabase(
                prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + shop.name);
        }
        try (Connection connection = shop.connect()) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
        return shop;
    }

    /** The server's host, as the JDBC URL names it. */
    static String host() {
        return URI.create(ADMIN_URL.substring("jdbc:".length())).getHost();
    }

    /** The server's port, as the JDBC URL names it (5432 when it names none). */
    static int port() {
        int port = URI.create(ADMIN_URL.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    /** The database's name. */
    String name() {
        return name;
    }

    /** The JDBC URL of this database, without a user. */
    String url() {
        return ADMIN_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /** The JDBC URL of this database with {@code user=postgres}, as TableTalk is given it. */
    String userUrl() {
        return url() + (url().contains("?") ? "&" : "?") + "user=postgres";
    }

    /** A connection to this database as the test's administrator. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }
}
