package dev.tabletalk.testkit.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Test servers in containers started by Testcontainers, configured like the services (administrator
 * {@code postgres} with trust authentication, {@code root} with an empty password, database {@code test},
 * utf8mb4). Only loaded when Docker looks available ({@link DockerProbe}).
 */
final class ContainerServers {

    private ContainerServers() {}

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static RunningServer start(Engine engine) {
        JdbcDatabaseContainer<?> container = switch (engine) {
            case POSTGRES ->
                new PostgreSQLContainer("postgres:16-alpine")
                        .withDatabaseName("test")
                        .withUsername("postgres")
                        .withPassword("postgres")
                        .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
            case MARIADB ->
                new MariaDBContainer("mariadb:10.11")
                        .withDatabaseName("test")
                        .withUsername("root")
                        .withPassword("")
                        .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci");
        };
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new ServerUnavailableException("Testcontainers could not start " + engine.displayName(), e);
        }
        DatabaseServer server = DatabaseServer.of(
                engine,
                Source.TESTCONTAINERS,
                "jdbc:" + engine.scheme() + "://" + container.getHost() + ":"
                        + container.getMappedPort(engine.defaultPort()) + "/test",
                engine.defaultUser(),
                engine == Engine.POSTGRES ? "" : container.getPassword());
        return new RunningServer(server, container::close);
    }
}
