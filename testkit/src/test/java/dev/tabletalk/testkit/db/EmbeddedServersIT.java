package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code TABLETALK_TEST_DB=embedded} starts servers of our own and never goes near a service: the default address
 * is not even probed, the server answers on another port, and a fresh database on it works.
 */
class EmbeddedServersIT {

    /** Probes that fail the test if the choice asks them anything. */
    private static final Probes MUST_NOT_PROBE = new Probes(
            (host, port) -> {
                throw new AssertionError("probed " + host + ":" + port + " although embedded was forced");
            },
            () -> {
                throw new AssertionError("asked for Docker although embedded was forced");
            });

    @ParameterizedTest
    @EnumSource(Engine.class)
    void forcedEmbeddedServersRunOnPortsOfTheirOwn(Engine engine) throws SQLException {
        Availability availability = DatabaseServers.open(
                engine,
                Map.of("TABLETALK_TEST_DB", "embedded", engine.urlVariable(), engine.defaultUrl()),
                MUST_NOT_PROBE);
        DatabaseServer server = availability.require();
        try {
            assertThat(server.source()).isEqualTo(Source.EMBEDDED);
            assertThat(server.port()).isNotEqualTo(engine.defaultPort());
            String database = server.createDatabase("tt_testkit");
            try (Connection connection = server.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("create table t (id int primary key, name varchar(20))");
                statement.execute("insert into t values (1, 'Zoë')");
                try (ResultSet rows = statement.executeQuery(
                        engine == Engine.POSTGRES
                                ? "select name, current_setting('port') from t"
                                : "select name, @@port from t")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo("Zoë");
                    assertThat(rows.getInt(2)).isEqualTo(server.port());
                }
            } finally {
                server.dropDatabase(database);
            }
        } finally {
            availability.running().close();
        }
    }
}
