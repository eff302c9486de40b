package dev.tabletalk.testkit.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether Docker is available, asked cheaply: Testcontainers is loaded and asked only when there is a sign of a
 * daemon (DOCKER_HOST, a Docker socket, a Testcontainers configuration), so a machine without Docker pays
 * nothing and logs nothing.
 */
final class DockerProbe {

    private DockerProbe() {}

    static boolean available() {
        return hinted(System.getenv(), Path.of(System.getProperty("user.home"))) && ContainerServers.dockerAvailable();
    }

    /** Whether anything suggests a Docker daemon: only then is Testcontainers' own (slower) check worth it. */
    static boolean hinted(Map<String, String> env, Path home) {
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        List<Path> signs = List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".testcontainers.properties"));
        return signs.stream().anyMatch(Files::exists);
    }
}
