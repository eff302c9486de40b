package dev.tabletalk.securitytests;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The test PostgreSQL server (testkit's {@link DatabaseServers}: a service, Testcontainers or embedded): its URL
 * and databases of our own, created and dropped.
 */
final class PgServer {

    static final String ADMIN_URL = server().adminUrl();
    static final String USER = server().user();

    private PgServer() {}

    private static DatabaseServer server() {
        return DatabaseServers.postgres();
    }

    /** A fresh database name, e.g. {@code tt_sec_shop_3fa2c1d0e5}. */
    static String newName(String prefix) {
        return DatabaseServer.uniqueName("tt_sec_" + prefix);
    }

    /** The JDBC URL of {@code database} on the same server as {@link #ADMIN_URL}. */
    static String url(String database) {
        return urlOn(host() + ":" + port(), database);
    }

    static String urlOn(String hostAndPort, String database) {
        return "jdbc:postgresql://" + hostAndPort + "/" + database;
    }

    static String host() {
        return server().host();
    }

    static int port() {
        return server().port();
    }

    static Connection admin() throws SQLException {
        return server().admin();
    }

    static Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    static void create(String database) {
        server().execute("create database " + database);
    }

    static void drop(String database) {
        server().dropDatabase(database);
    }
}
