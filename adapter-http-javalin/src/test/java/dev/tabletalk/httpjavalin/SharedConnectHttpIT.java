package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static dev.tabletalk.testkit.fixtures.Conditions.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/connect} on one of two HTTP servers sharing state on MariaDB (#17): the server that made the
 * connect answers from the new PostgreSQL shop; the other, whose own allowlist refuses that database, answers
 * neither from the old one: {@code POST /chat} is 503 {@code chosen_database_unavailable} and {@code GET /health}
 * is 503 {@code not_connected} with the target generation.
 */
class SharedConnectHttpIT {

    private static final String MARKER = "Shop B Customer";
    private static final String TOKEN = LimitsAndApiIT.OPERATOR_TOKEN;
    private static final String TARGET = DatabaseServers.postgres().hostAndPort();

    @Test
    void aServerThatCannotFollowAConnectAnswers503AndItsHealthSaysSo() {
        DatabaseServer mariaDb = DatabaseServers.mariaDb();
        String state = mariaDb.createDatabase("tt_http_conn_state");
        String stateUrl = mariaDb.urlWithUser(state);
        try (PostgresShop first = new PostgresShop(
                        builder -> builder.sharedState(stateUrl).connectTargets(Set.of(TARGET)));
                PostgresShop shopB = new PostgresShop();
                TableTalk refusing = TableTalk.builder()
                        .targetDatabase(first.userUrl())
                        .auditStore("jdbc:h2:mem:audit_r_" + first.database + ";DB_CLOSE_DELAY=-1")
                        .sharedState(stateUrl)
                        .connectTargets(Set.of("db.example.com:5432"))
                        .build();
                HttpServer serverOne = server(first.tableTalk);
                HttpServer serverTwo = server(refusing)) {
            shopB.queryOne("update customers set name = '" + MARKER + "' where id = 1 returning id");
            HttpTestClient one = new HttpTestClient(serverOne.port());
            HttpTestClient two = new HttpTestClient(serverTwo.port());
            String ada = context("u-1001", "editor", 101);
            assertThat(two.get("/health")
                            .json()
                            .path("target")
                            .path("generation")
                            .asLong())
                    .isZero();

            HttpTestClient.Response connected = one.post(
                    "/admin/connect", "{\"url\":\"" + shopB.userUrl() + "\"}", "Authorization", "Bearer " + TOKEN);

            assertThat(connected.status()).as(connected.body()).isEqualTo(200);
            assertThat(one.post("/chat", chat(null, "show customer 1"), "X-User-Context", ada)
                            .body())
                    .contains(MARKER);
            HttpTestClient.Response health = one.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("target").path("generation").asLong()).isEqualTo(1);
            assertThat(health.json().path("target").path("current").asBoolean()).isTrue();

            assertThat(within(Duration.ofSeconds(2), () -> two.get("/health").status() == 503))
                    .as("the other server sees the connect and says it does not serve it")
                    .isTrue();
            HttpTestClient.Response behind = two.get("/health");
            assertThat(behind.json().path("status").asText()).isEqualTo("not_connected");
            assertThat(behind.json().path("target").path("generation").asLong()).isEqualTo(1);
            assertThat(behind.json().path("target").path("current").asBoolean()).isFalse();
            HttpTestClient.Response turn = two.post("/chat", chat(null, "show customer 1"), "X-User-Context", ada);
            assertThat(turn.status()).as(turn.body()).isEqualTo(503);
            assertThat(turn.reason()).isEqualTo("chosen_database_unavailable");
            assertThat(turn.headers()).containsKey("retry-after");
            assertThat(turn.body()).doesNotContain("Customer");
        } finally {
            mariaDb.dropDatabase(state);
        }
    }

    private static HttpServer server(TableTalk tableTalk) {
        return HttpServer.create(
                        tableTalk.conversations(),
                        tableTalk.catalogView(),
                        tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .adminToken(TOKEN)
                                .connectTargets(Set.of(TARGET))
                                .userRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .build(),
                        tableTalk.targetConnections(),
                        tableTalk.operatorControls(),
                        tableTalk.rateLimitBuckets().orElseThrow())
                .start();
    }
}
