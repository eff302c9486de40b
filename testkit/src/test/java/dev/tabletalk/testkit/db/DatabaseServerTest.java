package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseServerTest {

    @Test
    void aUrlWithoutPortOrDatabaseMeansTheDefaults() {
        DatabaseServer server =
                DatabaseServer.of(Engine.MARIADB, Source.SERVICE, "jdbc:mariadb://db.example", "root", null);

        assertThat(server.hostAndPort()).isEqualTo("db.example:3306");
        assertThat(server.database()).isEqualTo("test");
        assertThat(server.password()).isEmpty();
        assertThat(server.urlWithUser("shop")).isEqualTo("jdbc:mariadb://db.example:3306/shop?user=root");
    }

    @Test
    void aUrlOfAnotherEngineIsRefused() {
        assertThatThrownBy(() -> DatabaseServer.of(
                        Engine.POSTGRES, Source.SERVICE, "jdbc:mariadb://127.0.0.1:3306/test", "postgres", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniqueNamesAreFreshAndSafeAsIdentifiers() {
        String one = DatabaseServer.uniqueName("tt_a");
        assertThat(one).matches("tt_a_[0-9a-f]{10}").isNotEqualTo(DatabaseServer.uniqueName("tt_a"));
    }

    @Test
    void dockerIsAskedAboutOnlyWhenSomethingSuggestsADaemon(@TempDir Path home) {
        assertThat(DockerProbe.hinted(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home))
                .isTrue();
        if (!Path.of("/var/run/docker.sock").toFile().exists()) {
            assertThat(DockerProbe.hinted(Map.of(), home)).isFalse();
        }
    }
}
