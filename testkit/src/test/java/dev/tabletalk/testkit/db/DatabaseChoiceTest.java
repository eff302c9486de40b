package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {

    private final List<String> probed = new ArrayList<>();

    private Probes probes(boolean reachable, boolean docker) {
        return new Probes(
                (host, port) -> {
                    probed.add(host + ":" + port);
                    return reachable;
                },
                () -> {
                    probed.add("docker");
                    return docker;
                });
    }

    @Test
    void aServiceNamedByItsVariableIsUsedWithoutProbing() {
        DatabaseChoice choice = DatabaseChoice.choose(
                Engine.POSTGRES,
                Map.of("TABLETALK_PG_URL", "jdbc:postgresql://db.example:6543/ci"),
                probes(false, false));

        assertThat(choice.source()).isEqualTo(Source.SERVICE);
        assertThat(choice.serviceUrl()).isEqualTo("jdbc:postgresql://db.example:6543/ci");
        assertThat(choice.reason()).isEqualTo("service at db.example:6543 (TABLETALK_PG_URL)");
        assertThat(probed).isEmpty();
    }

    @Test
    void aServiceReachableAtTheDefaultAddressIsUsed() {
        DatabaseChoice choice = DatabaseChoice.choose(Engine.MARIADB, Map.of(), probes(true, true));

        assertThat(choice.source()).isEqualTo(Source.SERVICE);
        assertThat(choice.serviceUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test");
        assertThat(choice.reason()).isEqualTo("service at 127.0.0.1:3306");
        assertThat(probed).containsExactly("127.0.0.1:3306");
    }

    @Test
    void withoutAServiceDockerMeansTestcontainers() {
        DatabaseChoice choice =
                DatabaseChoice.choose(Engine.POSTGRES, Map.of("TABLETALK_TEST_DB", "auto"), probes(false, true));

        assertThat(choice.source()).isEqualTo(Source.TESTCONTAINERS);
        assertThat(choice.reason()).isEqualTo("Testcontainers (no service at 127.0.0.1:5432)");
        assertThat(probed).containsExactly("127.0.0.1:5432", "docker");
    }

    @Test
    void withoutAServiceOrDockerTheServerIsEmbedded() {
        DatabaseChoice choice = DatabaseChoice.choose(Engine.POSTGRES, Map.of(), probes(false, false));

        assertThat(choice.source()).isEqualTo(Source.EMBEDDED);
        assertThat(choice.reason()).isEqualTo("embedded (no service at 127.0.0.1:5432, no Docker)");
    }

    @Test
    void embeddedIsForcedOverAServiceAndNothingIsProbed() {
        DatabaseChoice choice = DatabaseChoice.choose(
                Engine.MARIADB,
                Map.of("TABLETALK_TEST_DB", "Embedded", "TABLETALK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                probes(true, true));

        assertThat(choice.source()).isEqualTo(Source.EMBEDDED);
        assertThat(choice.serviceUrl()).isNull();
        assertThat(choice.reason()).isEqualTo("embedded (TABLETALK_TEST_DB=embedded)");
        assertThat(probed).isEmpty();
    }

    @Test
    void serviceAndTestcontainersCanBeForcedToo() {
        assertThat(DatabaseChoice.choose(Engine.POSTGRES, Map.of("TABLETALK_TEST_DB", "service"), probes(false, false))
                        .serviceUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(DatabaseChoice.choose(
                                Engine.POSTGRES, Map.of("TABLETALK_TEST_DB", "testcontainers"), probes(true, false))
                        .source())
                .isEqualTo(Source.TESTCONTAINERS);
        assertThat(probed).isEmpty();
    }

    @Test
    void anUnknownModeIsRefusedByName() {
        assertThatThrownBy(() -> DatabaseChoice.choose(
                        Engine.POSTGRES, Map.of("TABLETALK_TEST_DB", "docker"), probes(true, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TABLETALK_TEST_DB=docker");
    }

    @Test
    void theRealReachabilityProbeAnswersQuicklyForAClosedPort() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long started = System.nanoTime();

        assertThat(Probes.connects("127.0.0.1", closed)).isFalse();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }
}
