package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** One-line answers for every way a connection fails, on the real PostgreSQL and MariaDB services. */
class ConnectionCheckIT {

    private static final String PASSWORD = "Sup3r-S3cret!pw";
    private static final String ENCODED = "Sup3r-S3cret%21pw";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static String host(String jdbcUrl) {
        return ConnectionCheck.hostOf(jdbcUrl);
    }

    /** Runs the check with stderr captured (slf4j-simple logs there) and proves the password is nowhere. */
    private static ConnectionCheck.Result checked(Supplier<ConnectionCheck.Result> check) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ConnectionCheck.Result result;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            result = check.get();
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        original.print(logs);
        assertThat(result.toString() + result.oneLine() + logs)
                .doesNotContain(PASSWORD)
                .doesNotContain(ENCODED)
                .doesNotContain("S3cret");
        assertThat(result.oneLine()).doesNotContain("\n");
        return result;
    }

    @Test
    void postgresConnectsAndReportsVersionAndTls() {
        ConnectionCheck.Result result = checked(() -> ConnectionCheck.run(
                ConnectionSpec.parse(TestDatabases.pgAdminUrl())
                        .withUser("postgres")
                        .withPassword(PASSWORD),
                TIMEOUT));
        assertThat(result.ok()).as(result.oneLine()).isTrue();
        assertThat(result.serverVersion()).hasValueSatisfying(v -> assertThat(v).isNotBlank());
        assertThat(result.tls()).isIn(ConnectionCheck.Tls.ENCRYPTED, ConnectionCheck.Tls.NOT_ENCRYPTED);
    }

    @Test
    void mariaDbConnectsThroughASqlAlchemyUrlAndReportsTls() {
        String url = "mysql+pymysql://root@" + host(TestDatabases.mariaDbAdminUrl()) + "/test";
        ConnectionCheck.Result result = checked(() -> ConnectionCheck.run(url));
        assertThat(result.ok()).as(result.oneLine()).isTrue();
        assertThat(result.tls()).isIn(ConnectionCheck.Tls.ENCRYPTED, ConnectionCheck.Tls.NOT_ENCRYPTED);
    }

    @Test
    void badCredentialsOnBothServers() {
        String pg = "postgresql://no_such_role_tt:" + ENCODED + "@" + host(TestDatabases.pgAdminUrl()) + "/test";
        ConnectionCheck.Result postgres = checked(() -> ConnectionCheck.run(pg));
        assertThat(postgres.problem()).as(postgres.oneLine()).contains(ConnectionCheck.Problem.BAD_CREDENTIALS);
        assertThat(postgres.message()).contains("no_such_role_tt");

        String maria = "mariadb://root:" + ENCODED + "@" + host(TestDatabases.mariaDbAdminUrl()) + "/test";
        ConnectionCheck.Result mariaDb = checked(() -> ConnectionCheck.run(maria));
        assertThat(mariaDb.problem()).as(mariaDb.oneLine()).contains(ConnectionCheck.Problem.BAD_CREDENTIALS);
        assertThat(mariaDb.hint()).contains("password");
    }

    @Test
    void missingDatabaseOnBothServers() {
        ConnectionCheck.Result postgres = checked(() -> ConnectionCheck.run(
                ConnectionSpec.parse("postgresql://postgres:" + ENCODED + "@" + host(TestDatabases.pgAdminUrl())
                        + "/tt_sc_no_such_db"),
                TIMEOUT));
        assertThat(postgres.problem()).as(postgres.oneLine()).contains(ConnectionCheck.Problem.MISSING_DATABASE);
        assertThat(postgres.message()).contains("tt_sc_no_such_db");

        ConnectionCheck.Result mariaDb = checked(() -> ConnectionCheck.run(
                ConnectionSpec.parse("mysql://root@" + host(TestDatabases.mariaDbAdminUrl()) + "/tt_sc_no_such_db"),
                TIMEOUT));
        assertThat(mariaDb.problem()).as(mariaDb.oneLine()).contains(ConnectionCheck.Problem.MISSING_DATABASE);
    }

    @Test
    void refusedPortAndUnknownHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        for (String scheme : List.of("postgresql", "mariadb")) {
            ConnectionCheck.Result refused = checked(() -> ConnectionCheck.run(
                    ConnectionSpec.parse(scheme + "://u:" + ENCODED + "@127.0.0.1:" + closedPort + "/db"), TIMEOUT));
            assertThat(refused.problem())
                    .as(scheme + ": " + refused.oneLine())
                    .contains(ConnectionCheck.Problem.CONNECTION_REFUSED);
            assertThat(refused.hint()).contains("port");

            ConnectionCheck.Result unknown = checked(() -> ConnectionCheck.run(
                    ConnectionSpec.parse(scheme + "://u:" + ENCODED + "@no-such-host.invalid:5432/db"), TIMEOUT));
            assertThat(unknown.problem())
                    .as(scheme + ": " + unknown.oneLine())
                    .contains(ConnectionCheck.Problem.UNKNOWN_HOST);
            assertThat(unknown.message()).contains("no-such-host.invalid");
        }
    }

    @Test
    void silentServerIsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept()); // accept and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String scheme : List.of("postgresql", "mariadb")) {
                long started = System.nanoTime();
                ConnectionCheck.Result result = checked(() -> ConnectionCheck.run(
                        ConnectionSpec.parse(
                                scheme + "://u:" + ENCODED + "@127.0.0.1:" + silent.getLocalPort() + "/db"),
                        Duration.ofSeconds(1)));
                assertThat(result.problem())
                        .as(scheme + ": " + result.oneLine())
                        .contains(ConnectionCheck.Problem.TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            }
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void pooledDataSourceFromASqlAlchemyUrlFeedsTheCatalog() {
        String url = "postgresql+psycopg2://postgres:" + ENCODED + "@" + host(TestDatabases.pgAdminUrl()) + "/test";
        try (PooledDataSource dataSource = ConnectionSpec.parse(url).dataSource()) {
            EntityCatalog catalog = JdbcSchemaCatalog.create(
                            dataSource,
                            CatalogOptions.builder()
                                    .schemas("tt_sc_schema_that_does_not_exist")
                                    .build())
                    .current();
            assertThat(catalog.entities()).isEmpty();
        }
    }
}
