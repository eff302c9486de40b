package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Rate limits, body limits, the OpenAPI document, metrics and the admin route, against PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsAndApiIT {

    private PostgresShop shop;

    @BeforeAll
    void start() {
        shop = new PostgresShop();
    }

    @AfterAll
    void stop() {
        shop.close();
    }

    private void withServer(HttpConfig.Builder config, Consumer<HttpTestClient> test) {
        try (HttpServer server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        config.port(0).build())
                .start()) {
            test.accept(new HttpTestClient(server.port()));
        }
    }

    @Test
    void aClientTricklingHeadersFasterThanTheIdleTimeoutIsCutOffAtTheHeaderDeadline() throws Exception {
        HttpConfig.RequestTimeouts deadlines = new HttpConfig.RequestTimeouts(
                Duration.ofMillis(1500), Duration.ofSeconds(3), 64, Duration.ofSeconds(1));
        withServer(HttpConfig.builder().timeouts(deadlines), client -> {
            try (Socket slow = new Socket("127.0.0.1", client.port())) {
                slow.setSoTimeout(200);
                OutputStream out = slow.getOutputStream();
                out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                long started = System.nanoTime();
                boolean closed = false;
                // one header byte every 100 ms: never silent for the 1.5 s idle timeout, never finished
                while (!closed && Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(6)) < 0) {
                    try {
                        out.write('x');
                        out.flush();
                        closed = slow.getInputStream().read() == -1;
                    } catch (SocketTimeoutException stillOpen) {
                        // nothing to read yet: the server is still waiting for the headers
                    } catch (IOException reset) {
                        closed = true;
                    }
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(closed).as("the trickling connection is closed").isTrue();
                assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofMillis(4000));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // a normal request on a new connection is answered as always
            assertThat(client.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void pub082AUserOverTheLimitGets429WithRetryAfterWhileAnotherTenantIsUnaffected() {
        withServer(HttpConfig.builder().userRateLimit(HttpConfig.RateLimit.perMinute(3)), client -> {
            String ada = context("u-1001", "editor", 101);
            for (int i = 0; i < 3; i++) {
                assertThat(client.post("/chat", chat(null, "show products"), "X-User-Context", ada)
                                .status())
                        .isEqualTo(200);
            }
            int before = shop.planner.calls();
            HttpTestClient.Response limited = client.post("/chat", chat(null, "show products"), "X-User-Context", ada);
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.header("Retry-After"))
                    .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
            assertThat(shop.planner.calls()).isEqualTo(before);

            String other = context("u-2001", "editor", 202);
            for (int i = 0; i < 3; i++) {
                assertThat(client.post("/chat", chat(null, "show products"), "X-User-Context", other)
                                .status())
                        .isEqualTo(200);
            }
            // the same user id in another tenant is another user
            assertThat(client.post(
                                    "/chat",
                                    chat(null, "show products"),
                                    "X-User-Context",
                                    context("u-1001", "editor", 202))
                            .status())
                    .isEqualTo(200);
        });
    }

    @Test
    void aTenantOverItsLimitGets429ForEveryUserOfItOnly() {
        withServer(
                HttpConfig.builder()
                        .userRateLimit(HttpConfig.RateLimit.perMinute(10))
                        .tenantRateLimit(HttpConfig.RateLimit.perMinute(4)),
                client -> {
                    for (int i = 0; i < 4; i++) {
                        assertThat(client.get("/schema", "X-User-Context", context("u-" + i, "viewer", 101))
                                        .status())
                                .isEqualTo(200);
                    }
                    HttpTestClient.Response limited =
                            client.get("/schema", "X-User-Context", context("u-9", "viewer", 101));
                    assertProblem(limited, 429, "rate_limited");
                    assertThat(limited.header("Retry-After")).isPresent();
                    assertThat(client.get("/schema", "X-User-Context", context("u-9", "viewer", 202))
                                    .status())
                            .isEqualTo(200);
                });
    }

    @Test
    void pub080AHugeBodyIs413BeforeAnyPlannerCall() {
        withServer(HttpConfig.builder(), client -> {
            int before = shop.planner.calls();
            assertProblem(
                    client.post(
                            "/chat",
                            chat(null, "a".repeat(1_000_000)),
                            "X-User-Context",
                            context("u-1001", "editor", 101)),
                    413,
                    "body_too_large");
            assertThat(shop.planner.calls()).isEqualTo(before);
        });
    }

    @Test
    void pub081AMessageOverTheLimitInsideTheBodyIsRefusedByTheEngine() {
        withServer(HttpConfig.builder(), client -> {
            int limit = shop.tableTalk.limits().maxMessageChars();
            String ada = context("u-1001", "editor", 101);
            String tooLong = "a".repeat(limit - 1) + "\uD83D\uDE00";
            HttpTestClient.Response atLimit = client.post("/chat", chat(null, tooLong), "X-User-Context", ada);
            assertThat(atLimit.status()).isEqualTo(200);
            assertThat(atLimit.json().path("refusal").path("code").asText()).isNotEqualTo("message_too_long");
            HttpTestClient.Response over = client.post("/chat", chat(null, tooLong + "a"), "X-User-Context", ada);
            assertThat(over.status()).isEqualTo(200);
            assertThat(over.json().path("refusal").path("code").asText()).isEqualTo("message_too_long");
        });
    }

    @Test
    void theOpenApiDocumentListsEveryRouteAndEveryListedRouteIsServed() {
        withServer(HttpConfig.builder(), client -> {
            HttpTestClient.Response response = client.get("/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            JsonNode doc = response.json();
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
            Set<String> documented = new HashSet<>();
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
            }
            assertThat(documented)
                    .as("the /admin routes do not exist without the operator token")
                    .containsExactlyInAnyOrder(
                            "POST /chat", "GET /schema", "GET /health", "GET /metrics", "GET /openapi.json");
            for (Route route : Route.ALL) {
                if (!route.operator()) {
                    assertThat(documented).contains(route.method() + " " + route.path());
                }
            }
            String ada = context("u-1001", "editor", 101);
            assertThat(client.get("/schema", "X-User-Context", ada).status()).isEqualTo(200);
            assertThat(client.get("/health").status()).isEqualTo(200);
            assertThat(client.get("/metrics").status()).isEqualTo(200);
            assertThat(client.post("/chat", chat(null, "show products"), "X-User-Context", ada)
                            .status())
                    .isEqualTo(200);
            assertThat(doc.path("components").path("schemas").path("Reply").path("required"))
                    .hasSize(14);
            assertThat(doc.path("components")
                            .path("schemas")
                            .path("Problem")
                            .path("required")
                            .toString())
                    .contains("reason", "errorId");
        });
    }

    @Test
    void metricsCountRequestsPerRouteAndOutcome() {
        withServer(HttpConfig.builder(), client -> {
            String ada = context("u-1001", "editor", 101);
            client.post("/chat", chat(null, "show products"), "X-User-Context", ada);
            client.post("/chat", chat(null, "delete product 1"), "X-User-Context", ada);
            client.get("/nowhere");
            HttpTestClient.Response metrics = client.get("/metrics");
            assertThat(metrics.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body())
                    .containsPattern("tabletalk_http_requests_seconds_count\\{method=\"POST\",outcome=\"ok\","
                            + "route=\"chat\",status=\"200\"} 1")
                    .containsPattern("tabletalk_http_requests_seconds_count\\{method=\"POST\",outcome=\"refused\","
                            + "route=\"chat\",status=\"200\"} 1")
                    .containsPattern("route=\"unmatched\",status=\"404\"")
                    .doesNotContain("nowhere");
        });
    }

    static final String OPERATOR_TOKEN = "operator-token-for-the-tests-0123456789abcdef";

    @Test
    @Tag("invariant-7")
    void adminConnectIsAbsentWithoutTheOperatorTokenAndATenantIdentityNeverOpensIt() {
        String admin = context("u-1", "admin", 101);
        String url = "{\"url\":\"jdbc:postgresql://db.internal:5432/x\"}";
        // PUB-108: without TABLETALK_ADMIN_TOKEN the /admin routes do not exist, and /connect is gone
        withServer(HttpConfig.builder().connectTargets(Set.of("db.internal:5432")), client -> {
            assertProblem(client.post("/admin/connect", url, "X-User-Context", admin), 404, "not_found");
            assertProblem(client.post("/connect", url, "X-User-Context", admin), 404, "not_found");
        });
        withServer(
                HttpConfig.builder().adminToken(OPERATOR_TOKEN).connectTargets(Set.of("db.internal:5432")), client -> {
                    long refusedBefore = shop.auditedAuthFailures();
                    // a tenant's admin (dev header) and a wrong token are refused before the body is read
                    assertProblem(
                            client.post("/admin/connect", url, "X-User-Context", admin), 401, "missing_operator_token");
                    assertProblem(
                            client.post("/admin/connect", url, "Authorization", "Bearer " + OPERATOR_TOKEN + "x"),
                            401,
                            "bad_operator_token");
                    assertProblem(
                            client.post("/admin/connect", url, "Authorization", "Bearer " + admin),
                            401,
                            "bad_operator_token");
                    assertThat(shop.auditedAuthFailures()).isEqualTo(refusedBefore + 3);
                    // the operator: host AND port must be listed; the port is never reached without TargetConnections
                    String operator = "Bearer " + OPERATOR_TOKEN;
                    long operatorEvents =
                            shop.audited("user_id = 'operator' and message like '(POST /admin/connect: %'");
                    assertProblem(
                            client.post(
                                    "/admin/connect",
                                    "{\"url\":\"jdbc:postgresql://db.internal:5433/x\"}",
                                    "Authorization",
                                    operator),
                            403,
                            "host_not_allowed");
                    assertProblem(
                            client.post(
                                    "/admin/connect",
                                    "{\"url\":\"jdbc:postgresql://169.254.169.254:5432/x\"}",
                                    "Authorization",
                                    operator),
                            403,
                            "host_not_allowed");
                    assertProblem(
                            client.post(
                                    "/admin/connect",
                                    "{\"url\":\"jdbc:postgresql://db.internal/x\"}",
                                    "Authorization",
                                    operator),
                            501,
                            "connect_not_supported");
                    assertProblem(
                            client.post("/admin/connect", "{\"url\":1}", "Authorization", operator),
                            400,
                            "invalid_body");
                    // item 5: the operator's refusals are the operator's refused connects, not anonymous auth failures
                    assertThat(shop.audited("user_id = 'operator' and message like '(POST /admin/connect: connect_%' "
                                    + "and outcome = 'refused'"))
                            .isEqualTo(operatorEvents + 4);
                    assertThat(shop.auditedAuthFailures()).isEqualTo(refusedBefore + 3);
                    assertThat(client.get("/openapi.json").body())
                            .contains("/admin/connect")
                            .contains("operatorToken");
                });
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        withServer(HttpConfig.builder(), client -> {
            assertProblem(client.get("/admin"), 404, "not_found");
            HttpTestClient.Response wrongMethod = client.get("/chat");
            assertThat(wrongMethod.status()).isIn(404, 405);
            assertThat(wrongMethod.json().path("reason").asText()).isIn("not_found", "method_not_allowed");
        });
    }
}
