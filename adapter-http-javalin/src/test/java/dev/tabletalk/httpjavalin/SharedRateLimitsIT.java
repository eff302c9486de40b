package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two HTTP servers, each over a TableTalk of its own on one shop, whose rate limits take their tokens from one
 * shared store ({@code sharedState.url}) on PostgreSQL and on MariaDB: a user sending to both alternately gets
 * the limit once, not once per server.
 */
class SharedRateLimitsIT {

    private static final int PER_USER = 5;

    @Test
    void twoServersOnASharedPostgresStoreGrantTheUsersLimitOnce() {
        assertTwoServersGrantTheLimitOnce(DatabaseServers.postgres());
    }

    @Test
    void twoServersOnASharedMariaDbStoreGrantTheUsersLimitOnce() {
        assertTwoServersGrantTheLimitOnce(DatabaseServers.mariaDb());
    }

    @Test
    void aRequestWhoseLimitsCannotBeTakenIsAnswered503AndRecordedNeverLetThrough() {
        DatabaseServer stateServer = DatabaseServers.postgres();
        String state = stateServer.createDatabase("tt_http_state");
        try (PostgresShop shop = new PostgresShop(builder -> builder.sharedState(stateServer.urlWithUser(state)));
                HttpServer server = server(shop.tableTalk)) {
            HttpTestClient client = new HttpTestClient(server.port());
            String ada = context("u-1001", "viewer", 101);
            assertThat(client.get("/schema", "X-User-Context", ada).status()).isEqualTo(200);
            int plannedBefore = shop.planner.calls();

            // the shared store goes down: no new connection, and the pool's are ended
            stateServer.execute(
                    "alter database " + state + " allow_connections false",
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + state + "'");
            HttpTestClient.Response refused =
                    client.post("/chat", "{\"message\":\"show products\"}", "X-User-Context", ada);

            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("dependency_unavailable").doesNotContain("SQLState");
            assertThat(shop.planner.calls()).as("nothing planned or run").isEqualTo(plannedBefore);
            assertThat(shop.audited("refusal_code = 'shared_state_unavailable' and user_id = 'u-1001'"))
                    .as("the refused request is in the audit log")
                    .isEqualTo(1);
        } finally {
            stateServer.execute("alter database " + state + " allow_connections true");
            stateServer.dropDatabase(state);
        }
    }

    private static void assertTwoServersGrantTheLimitOnce(DatabaseServer stateServer) {
        String state = stateServer.createDatabase("tt_http_state");
        String stateUrl = stateServer.urlWithUser(state);
        try (PostgresShop shop = new PostgresShop(builder -> builder.sharedState(stateUrl));
                TableTalk second = TableTalk.builder()
                        .targetDatabase(shop.userUrl())
                        .auditStore("jdbc:h2:mem:audit_b_" + shop.database + ";DB_CLOSE_DELAY=-1")
                        .sharedState(stateUrl)
                        .build();
                HttpServer serverA = server(shop.tableTalk);
                HttpServer serverB = server(second)) {
            List<HttpTestClient> servers =
                    List.of(new HttpTestClient(serverA.port()), new HttpTestClient(serverB.port()));
            String ada = context("u-1001", "viewer", 101);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3 * PER_USER; i++) {
                statuses.add(
                        servers.get(i % 2).get("/schema", "X-User-Context", ada).status());
            }

            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(PER_USER);
            assertThat(statuses.subList(PER_USER, statuses.size())).containsOnly(429);
            assertThat(servers.get(1)
                            .get("/schema", "X-User-Context", context("u-2002", "viewer", 101))
                            .status())
                    .as("another user has a bucket of its own")
                    .isEqualTo(200);
        } finally {
            stateServer.dropDatabase(state);
        }
    }

    private static HttpServer server(TableTalk tableTalk) {
        return HttpServer.create(
                        tableTalk.conversations(),
                        tableTalk.catalogView(),
                        tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .userRateLimit(HttpConfig.RateLimit.perMinute(PER_USER))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(1_000))
                                .build(),
                        tableTalk.targetConnections(),
                        tableTalk.operatorControls(),
                        tableTalk.rateLimitBuckets().orElseThrow())
                .start();
    }
}
