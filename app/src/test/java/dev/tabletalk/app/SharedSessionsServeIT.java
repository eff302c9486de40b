package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    private final EditorChat chat = new EditorChat();
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
                    JsonNode begun = chat.say(serverA, null, "add a customer");
                    String session = begun.path("sessionId").asText();
                    JsonNode previewed = chat.say(serverB, session, "Zoe Quinn");
                    JsonNode confirmed = chat.say(serverA, session, "confirm");
                    JsonNode again = chat.say(serverB, session, "confirm");

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

                    JsonNode raced = chat.say(serverA, null, "add a customer named Ada Racer");
                    String racing = raced.path("sessionId").asText();
                    assertThat(raced.path("preview").isObject())
                            .as(raced.toString())
                            .isTrue();
                    CompletableFuture<JsonNode> onA =
                            CompletableFuture.supplyAsync(() -> quietly(serverA, racing, "confirm"));
                    CompletableFuture<JsonNode> onB =
                            CompletableFuture.supplyAsync(() -> quietly(serverB, racing, "confirm"));
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

    private JsonNode quietly(URI base, String session, String message) {
        try {
            return chat.say(base, session, message);
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
