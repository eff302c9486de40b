package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code tabletalk admin read-only|reload} as processes against {@code tabletalk serve} on PostgreSQL: the switch
 * refuses writes over HTTP and shows in {@code /health}, reload picks up a new table, and every failure is one
 * clear line with its exit code (token refused, no token, a server without the operator token, nothing listening).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "operator-token-of-the-admin-cli-test-0123456789";
    private static final Map<String, String> WITH_TOKEN = Map.of("TABLETALK_ADMIN_TOKEN", TOKEN);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ShopDatabase shop;

    @BeforeAll
    void createShop() throws SQLException {
        shop = ShopDatabase.create("tt_admin_");
    }

    @AfterAll
    void dropShop() throws SQLException {
        shop.close();
    }

    private String url() {
        return shop.url();
    }

    private String userUrl() {
        return shop.userUrl();
    }

    private static String editor() {
        return Base64.getEncoder()
                .encodeToString(
                        ("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                                .getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("x-user-context", editor())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private JsonNode chat(URI base, String message) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/chat"))
                        .header("x-user-context", editor())
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static TableTalkJar.Result admin(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("admin"));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment);
        // a token the test runner happens to have must not leak into the runs that expect none
        env.putIfAbsent("TABLETALK_ADMIN_TOKEN", "");
        return TableTalkJar.run("", env, command.toArray(String[]::new));
    }

    private void serve(String adminToken, ServedJar.Test test, String... more) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--db", userUrl(), "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()));
        args.addAll(List.of(more));
        ServedJar.serve(args, adminToken == null ? Map.of() : Map.of("TABLETALK_ADMIN_TOKEN", adminToken), test);
    }

    @Test
    @Tag("invariant-10")
    void theOperatorSwitchesReadOnlyModeAndReloadsTheCatalogFromTheCommandLine() throws Exception {
        serve(TOKEN, base -> {
            String url = base.toString();
            TableTalkJar.Result status = admin(WITH_TOKEN, "read-only", "status", "--url", url);
            assertThat(status.exitCode()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains("read-only mode is off");
            assertThat(get(base, "/health").path("readOnly").asBoolean()).isFalse();

            TableTalkJar.Result on = admin(WITH_TOKEN, "read-only", "on", "--url", url);
            assertThat(on.exitCode()).as(on.stderr()).isZero();
            assertThat(on.stdout()).contains("read-only mode is on");
            assertThat(get(base, "/health").path("readOnly").asBoolean()).isTrue();
            assertThat(chat(base, "set the status of customer 9 to blocked")
                            .path("refusal")
                            .path("code")
                            .asText())
                    .isEqualTo("read_only_mode");
            assertThat(admin(WITH_TOKEN, "read-only", "status", "--url", url).stdout())
                    .contains("read-only mode is on");

            // the token from a file works as well as from the environment
            Path tokenFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "admin-token", ".txt");
            Files.writeString(tokenFile, TOKEN + "\n");
            TableTalkJar.Result off =
                    admin(Map.of(), "read-only", "off", "--url", url, "--token-file", tokenFile.toString());
            Files.delete(tokenFile);
            assertThat(off.exitCode()).as(off.stderr()).isZero();
            assertThat(off.stdout()).contains("read-only mode is off");
            assertThat(chat(base, "set the status of customer 9 to blocked")
                            .path("stage")
                            .asText())
                    .isEqualTo("PREVIEW");

            try (Connection connection = shop.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute(
                        "create table gizmos (id serial primary key, label text not null, company_id int not null)");
            }
            assertThat(get(base, "/schema").path("entities").toString()).doesNotContain("gizmos");
            TableTalkJar.Result reload = admin(WITH_TOKEN, "reload", "--url", url);
            assertThat(reload.exitCode()).as(reload.stderr()).isZero();
            assertThat(reload.stdout())
                    .contains("reloaded the settings and catalog")
                    .contains("exposed entities");
            assertThat(get(base, "/schema").path("entities").toString()).contains("gizmos");
        });
    }

    @Test
    @Tag("invariant-3")
    void aReloadReadsTheConfigurationFileAgainAndKeepsTheRunningSettingsWhenItDoesNotValidate() throws Exception {
        Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "reload", ".yaml");
        Files.writeString(file, "limits: {maxRows: 2}\n");
        try {
            serve(
                    TOKEN,
                    base -> {
                        String url = base.toString();
                        assertThat(chat(base, "show customers").path("rows")).hasSize(2);

                        Files.writeString(file, "limits: {maxRows: 3}\n");
                        TableTalkJar.Result reload = admin(WITH_TOKEN, "reload", "--url", url);
                        assertThat(reload.exitCode()).as(reload.stderr()).isZero();
                        assertThat(chat(base, "show customers").path("rows")).hasSize(3);

                        Files.writeString(file, "limits: {maxRowz: 50}\n");
                        TableTalkJar.Result refused = admin(WITH_TOKEN, "reload", "--url", url);
                        assertThat(refused.exitCode()).isNotZero();
                        assertThat(refused.stderr()).contains("limits.maxRowz").doesNotContain("Exception", "\tat ");
                        assertThat(chat(base, "show customers").path("rows"))
                                .as("the running settings stay")
                                .hasSize(3);
                    },
                    "--config",
                    file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void failuresAreOneClearLineWithTheirExitCode() throws Exception {
        serve(TOKEN, base -> {
            TableTalkJar.Result wrong = admin(
                    Map.of("TABLETALK_ADMIN_TOKEN", TOKEN + "-wrong"), "read-only", "on", "--url", base.toString());
            assertThat(wrong.exitCode()).isEqualTo(4);
            assertThat(wrong.stderr()).contains("refused the operator token").doesNotContain(TOKEN);
            assertThat(get(base, "/health").path("readOnly").asBoolean()).isFalse();

            TableTalkJar.Result none = admin(Map.of(), "read-only", "status", "--url", base.toString());
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.stderr()).contains("no operator token").contains("TABLETALK_ADMIN_TOKEN");

            TableTalkJar.Result typo = admin(WITH_TOKEN, "read-only", "maybe", "--url", base.toString());
            assertThat(typo.exitCode()).isEqualTo(2);
            assertThat(typo.stderr()).contains("on, off or status");
        });
        serve(null, base -> {
            TableTalkJar.Result absent = admin(WITH_TOKEN, "reload", "--url", base.toString());
            assertThat(absent.exitCode()).isEqualTo(2);
            assertThat(absent.stderr()).contains("the server has no operator token set");
        });
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TableTalkJar.Result refused = admin(WITH_TOKEN, "read-only", "status", "--url", "http://127.0.0.1:" + closed);
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.stderr()).contains("connection refused").contains("tabletalk serve");
        assertThat(refused.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
