package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code tabletalk serve --allow-connect} as a process on PostgreSQL with {@code TABLETALK_ADMIN_TOKEN}: the
 * operator switches it to a second shop; a tenant's admin never can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("serves (http://127\\.0\\.0\\.1:\\d+)");
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    private static final String HOST =
            URI.create(PG_URL.substring("jdbc:".length())).getHost();
    private static final int PORT =
            URI.create(PG_URL.substring("jdbc:".length())).getPort() < 0
                    ? 5432
                    : URI.create(PG_URL.substring("jdbc:".length())).getPort();
    private static final String TOKEN = "operator-token-of-the-app-test-0123456789";
    private static final String MARKER = "Second Shop Customer";

    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final String first = "tt_app_a_" + suffix;
    private final String second = "tt_app_b_" + suffix;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void createShops() throws SQLException {
        for (String database : List.of(first, second)) {
            try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("create database " + database);
            }
            try (Connection connection = DriverManager.getConnection(url(database), "postgres", "")) {
                ShopFixture.create(connection, FixtureDatabase.POSTGRES);
                ShopFixture.reset(connection);
            }
        }
        try (Connection connection = DriverManager.getConnection(url(second), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("update customers set name = '" + MARKER + "' where id = 1");
        }
    }

    @AfterAll
    void dropShops() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + first + " with (force)");
            statement.execute("drop database if exists " + second + " with (force)");
        }
    }

    private static String url(String database) {
        return PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    private static String userUrl(String database) {
        String url = url(database);
        return url + (url.contains("?") ? "&" : "?") + "user=postgres";
    }

    private static String identity(String user, String role) {
        return Base64.getEncoder()
                .encodeToString(("{\"user_id\":\"" + user + "\",\"user_role\":\"" + role + "\",\"company_id\":"
                                + ShopFixture.TENANT + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> operator(URI base, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve("/admin/connect"))
                        .header("authorization", "Bearer " + TOKEN)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String identity, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("x-user-context", identity)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private interface Served {
        void accept(URI base) throws Exception;
    }

    private void serve(List<String> extra, Served test) throws Exception {
        serve(extra, null, test);
    }

    private void serve(List<String> extra, String adminToken, Served test) throws Exception {
        Path jar = Path.of("target", "tabletalk.jar").toAbsolutePath();
        Path workDir = Files.createDirectories(Path.of("target", "it-work").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "serve",
                "--db",
                userUrl(first),
                "--port",
                "0",
                "--audit-db",
                TableTalkJar.memoryAuditStore()));
        command.addAll(extra);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("TABLETALK_ADMIN_TOKEN");
        if (adminToken != null) {
            builder.environment().put("TABLETALK_ADMIN_TOKEN", adminToken);
        }
        Process process = builder.start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).isNotNull();
            Matcher matcher = ADDRESS.matcher(banner);
            assertThat(matcher.find()).as(banner).isTrue();
            test.accept(URI.create(matcher.group(1)));
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        }
    }

    @Test
    void adminConnectIsAbsentWithoutTheOperatorToken() throws Exception {
        serve(List.of("--allow-connect", HOST + ":" + PORT), base -> {
            assertThat(operator(base, "{\"url\":\"" + userUrl(second) + "\"}").statusCode())
                    .isEqualTo(404);
            assertThat(post(base, "/connect", identity("root", "admin"), "{\"url\":\"" + userUrl(second) + "\"}")
                            .statusCode())
                    .isEqualTo(404);
        });
    }

    @Test
    void theOperatorSwitchesTheServedDatabaseAndATenantsAdminIsRefused() throws Exception {
        serve(List.of("--allow-connect", HOST + ":" + PORT), TOKEN, base -> {
            String editor = identity("u-1001", "editor");
            String body = "{\"url\":\"" + userUrl(second) + "\"}";
            assertThat(post(base, "/chat", editor, "{\"message\":\"show customer 1\"}")
                            .body())
                    .doesNotContain(MARKER);

            HttpResponse<String> refused = post(base, "/admin/connect", identity("root", "admin"), body);
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> elsewhere =
                    operator(base, "{\"url\":\"postgresql://postgres@10.255.255.1:" + PORT + "/" + second + "\"}");
            assertThat(elsewhere.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(elsewhere.body()).path("reason").asText()).isEqualTo("host_not_allowed");

            HttpResponse<String> connected = operator(base, body);
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
            JsonNode result = JSON.readTree(connected.body());
            assertThat(result.path("database").asText()).contains(second);
            assertThat(post(base, "/chat", editor, "{\"message\":\"show customer 1\"}")
                            .body())
                    .contains(MARKER);
        });
    }
}
