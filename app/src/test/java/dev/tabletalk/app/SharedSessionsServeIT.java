package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #17: two {@code tabletalk serve} processes on one PostgreSQL shop and one shared session store
 * ({@code --session-store}): a conversation begun on one is previewed on the other and confirmed on the first, the
 * row changes once, and concurrent confirms of one preview on both servers execute it once.
 */
class SharedSessionsServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DatabaseServer postgres = DatabaseServers.postgres();
    private ShopDatabase shop;
    private String sessions;

    @BeforeEach
    void createDatabases() throws SQLException {
        shop = ShopDatabase.create("tt_app_shared_");
        sessions = postgres.createDatabase("tt_app_sessions");
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        shop.close();
        postgres.dropDatabase(sessions);
    }

    private JsonNode chat(URI base, String body) throws Exception {
        String identity = Base64.getEncoder()
                .encodeToString(
                        ("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/chat"))
                        .header("x-user-context", identity)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String turn(String sessionId, String message) {
        return "{\"sessionId\":\"" + sessionId + "\",\"message\":\"" + message + "\"}";
    }

    @Test
    @Tag("invariant-4")
    void aConversationMovesBetweenTwoServedProcessesAndItsPreviewRunsOnce() throws Exception {
        List<String> args = List.of(
                "--db",
                shop.userUrl(),
                "--port",
                "0",
                "--audit-db",
                TableTalkJar.memoryAuditStore(),
                "--session-store",
                postgres.urlWithUser(sessions));
        ServedJar.serve(
                args,
                Map.of(),
                serverA -> ServedJar.serve(args, Map.of(), serverB -> {
                    JsonNode begun = chat(serverA, "{\"message\":\"add a customer\"}");
                    String session = begun.path("sessionId").asText();
                    JsonNode previewed = chat(serverB, turn(session, "Zoe Quinn"));
                    JsonNode confirmed = chat(serverA, turn(session, "confirm"));
                    JsonNode again = chat(serverB, turn(session, "confirm"));

                    assertThat(begun.path("stage").asText())
                            .as(begun.toString())
                            .isEqualTo("COLLECTING");
                    assertThat(previewed.path("preview").isObject())
                            .as(previewed.toString())
                            .isTrue();
                    assertThat(confirmed.path("refusal").isNull()
                                    && confirmed.path("error").isNull())
                            .as(confirmed.toString())
                            .isTrue();
                    assertThat(again.path("refusal").path("code").asText())
                            .as(again.toString())
                            .isEqualTo("already_confirmed");
                    assertThat(again.path("text").asText()).as(again.toString()).contains("already confirmed");
                    assertThat(count("Zoe Quinn")).isEqualTo(1);

                    JsonNode raced = chat(serverA, "{\"message\":\"add a customer named Ada Racer\"}");
                    String racing = raced.path("sessionId").asText();
                    assertThat(raced.path("preview").isObject())
                            .as(raced.toString())
                            .isTrue();
                    CompletableFuture<JsonNode> onA =
                            CompletableFuture.supplyAsync(() -> quietly(serverA, turn(racing, "confirm")));
                    CompletableFuture<JsonNode> onB =
                            CompletableFuture.supplyAsync(() -> quietly(serverB, turn(racing, "confirm")));
                    List<JsonNode> replies = List.of(onA.get(), onB.get());

                    assertThat(replies)
                            .as(replies.toString())
                            .filteredOn(r -> r.path("refusal").isNull()
                                    && r.path("error").isNull())
                            .hasSize(1);
                    assertThat(replies)
                            .filteredOn(r -> r.path("refusal").isObject())
                            .singleElement()
                            .satisfies(r -> assertThat(
                                            r.path("refusal").path("code").asText())
                                    .isIn("already_confirmed", "no_pending_preview"));
                    assertThat(count("Ada Racer")).isEqualTo(1);
                }));
    }

    private JsonNode quietly(URI base, String body) {
        try {
            return chat(base, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String name) throws SQLException {
        try (Connection connection = shop.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from customers where name = '" + name + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
