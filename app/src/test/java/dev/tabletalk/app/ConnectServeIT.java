package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    private static final String HOST = ShopDatabase.host();
    private static final int PORT = ShopDatabase.port();
    private static final String TOKEN = "operator-token-of-the-app-test-0123456789";
    private static final String MARKER = "Second Shop Customer";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ShopDatabase firstShop;
    private ShopDatabase secondShop;
    private String second;

    @BeforeAll
    void createShops() throws SQLException {
        firstShop = ShopDatabase.create("tt_app_a_");
        secondShop = ShopDatabase.create("tt_app_b_");
        second = secondShop.name();
        try (Connection connection = secondShop.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("update customers set name = '" + MARKER + "' where id = 1");
        }
    }

    @AfterAll
    void dropShops() throws SQLException {
        firstShop.close();
        secondShop.close();
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

    private void serve(List<String> extra, ServedJar.Test test) throws Exception {
        serve(extra, null, test);
    }

    private void serve(List<String> extra, String adminToken, ServedJar.Test test) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--db", firstShop.userUrl(), "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()));
        args.addAll(extra);
        ServedJar.serve(args, adminToken == null ? Map.of() : Map.of("TABLETALK_ADMIN_TOKEN", adminToken), test);
    }

    @Test
    void adminConnectIsAbsentWithoutTheOperatorToken() throws Exception {
        serve(List.of("--allow-connect", HOST + ":" + PORT), base -> {
            assertThat(operator(base, "{\"url\":\"" + secondShop.userUrl() + "\"}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(post(base, "/connect", identity("root", "admin"), "{\"url\":\"" + secondShop.userUrl() + "\"}")
                            .statusCode())
                    .isEqualTo(404);
        });
    }

    @Test
    void theOperatorSwitchesTheServedDatabaseAndATenantsAdminIsRefused() throws Exception {
        serve(List.of("--allow-connect", HOST + ":" + PORT), TOKEN, base -> {
            String editor = identity("u-1001", "editor");
            String body = "{\"url\":\"" + secondShop.userUrl() + "\"}";
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
