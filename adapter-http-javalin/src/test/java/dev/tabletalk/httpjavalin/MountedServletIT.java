package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.identity.HmacSettings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A servlet mounted beside the routes ({@link HttpServer#mount}, how {@code serve} offers MCP at {@code /mcp}) sits
 * behind the same gate as {@code POST /chat}: HMAC identity over the body, rate limits and the JSON rule refuse with
 * the same problem documents before the servlet runs; an admitted request reaches it with the verified caller and
 * the signed body readable again. Only its {@code POST}s take rate-limit tokens; {@code /openapi.json} lists its path
 * and {@code /metrics} counts its requests under its name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountedServletIT {

    private static final String SECRET = "the-gateway-shared-secret-32-bytes-or-more";

    private final Echo echo = new Echo();
    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;

    @BeforeAll
    void start() {
        shop = new PostgresShop();
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .hmac(HmacSettings.of("gateway-1", SECRET))
                                .userRateLimit(HttpConfig.RateLimit.perMinute(3))
                                .build())
                .mount("/echo", "echo", "The echo endpoint of the tests", echo)
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    @Test
    @Tag("invariant-7")
    void aSignedRequestReachesTheServletAsItsVerifiedCallerWithTheSignedBody() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        HttpTestClient.Response response =
                client.post("/echo", body, signed(body, "u-signed").headers());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("u-signed 101 " + body);
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    @Tag("invariant-7")
    void aBadSignatureIsRefusedAndNeverReachesTheServlet() {
        String body = "{\"message\":\"hello\"}";
        HmacIdentityIT.Signed signed = signed(body, "u-forged").withContext(context("u-forged", "admin", 202));
        int before = echo.calls.get();

        assertProblem(client.post("/echo", body, signed.headers()), 401, "bad_signature");
        assertThat(echo.calls).hasValue(before);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        String body = "message=hello";
        int before = echo.calls.get();

        assertProblem(
                client.post("/echo", body, withType(signed(body, "u-form").headers(), "text/plain")),
                415,
                "unsupported_media_type");
        assertThat(echo.calls).hasValue(before);
    }

    @Test
    void theCallersRateLimitCountsRequestsToTheServlet() {
        String body = "{}";
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/echo", body, signed(body, "u-busy").headers())
                            .status())
                    .isEqualTo(200);
        }
        int before = echo.calls.get();

        HttpTestClient.Response limited =
                client.post("/echo", body, signed(body, "u-busy").headers());

        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(echo.calls).hasValue(before);
    }

    @Test
    void onlyAPostTakesARateLimitTokenNotTheStreamOrTheEndOfASession() {
        // a client re-opens its stream (GET) and ends its session (DELETE) as often as it needs
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/echo", signed("GET", "", "u-streams").headers())
                            .status())
                    .isEqualTo(200);
            assertThat(client.delete("/echo", signed("DELETE", "", "u-streams").headers())
                            .status())
                    .isEqualTo(200);
        }
        String body = "{}";
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/echo", body, signed(body, "u-streams").headers())
                            .status())
                    .as("the streams and ends took none of the user's 3 tokens")
                    .isEqualTo(200);
        }
        assertProblem(client.post("/echo", body, signed(body, "u-streams").headers()), 429, "rate_limited");
        // and a refused identity still never reaches the servlet, whatever the method
        int before = echo.calls.get();
        assertProblem(
                client.get(
                        "/echo",
                        signed("GET", "", "u-streams")
                                .withContext(context("u-other", "admin", 202))
                                .headers()),
                401,
                "bad_signature");
        assertThat(echo.calls).hasValue(before);
    }

    @Test
    void theOpenApiDocumentListsTheMountedPathWithTheSecurityOfChat() {
        JsonNode doc = client.get("/openapi.json").json();
        JsonNode echoPath = doc.path("paths").path("/echo");
        JsonNode chatSecurity = doc.path("paths").path("/chat").path("post").path("security");

        assertThat(echoPath.fieldNames()).toIterable().containsExactly("post", "get", "delete");
        for (String method : List.of("post", "get", "delete")) {
            JsonNode operation = echoPath.path(method);
            assertThat(operation.path("summary").asText()).isEqualTo("The echo endpoint of the tests");
            assertThat(operation.path("operationId").asText()).isEqualTo("echo_" + method);
            assertThat(operation.path("security")).isEqualTo(chatSecurity);
            assertThat(operation.path("security").toString()).contains("hmacSignedContext");
            assertThat(operation.path("responses").has("401")).isTrue();
        }
        assertThat(echoPath.path("post")
                        .path("responses")
                        .path("429")
                        .path("headers")
                        .has("Retry-After"))
                .isTrue();
        assertThat(echoPath.path("get").path("responses").has("429"))
                .as("the stream takes no token")
                .isFalse();
        assertThat(echoPath.path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .has("text/event-stream"))
                .isTrue();
    }

    @Test
    void metricsCountTheMountedServletsRequestsUnderItsNameAStreamWhenItEnds() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
        assertThat(client.post("/echo", body, signed(body, "u-metrics").headers())
                        .status())
                .isEqualTo(200);
        assertProblem(
                client.post(
                        "/echo",
                        body,
                        signed(body, "u-metrics")
                                .withContext(context("u-x", "admin", 202))
                                .headers()),
                401,
                "bad_signature");
        assertThat(client.get("/echo", signed("GET", "", "u-metrics").headers()).body())
                .isEqualTo("stream of u-metrics");

        await(() -> assertThat(client.get("/metrics").body())
                .containsPattern("tabletalk_http_requests_seconds_count\\{method=\"POST\",outcome=\"ok\","
                        + "route=\"echo\",status=\"200\"} [1-9]")
                .containsPattern("tabletalk_http_requests_seconds_count\\{method=\"POST\","
                        + "outcome=\"bad_signature\",route=\"echo\",status=\"401\"} [1-9]")
                .as("the asynchronous answer, counted once it completed")
                .containsPattern("tabletalk_http_requests_seconds_count\\{method=\"GET\",outcome=\"ok\","
                        + "route=\"echo\",status=\"200\"} [1-9]"));
    }

    @Test
    void aMethodNameOutsideTheKnownOnesIsOneMetricsTag() {
        assertThat(MountedServletGate.methodTag("DELETE")).isEqualTo("DELETE");
        assertThat(MountedServletGate.methodTag("X-ANY-" + System.nanoTime())).isEqualTo("OTHER");
    }

    @Test
    void aServletIsMountedBeforeTheServerStartsAndNeverOverARoute() {
        assertThatThrownBy(() -> server.mount("/other", "other", new Echo()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the server starts");
        HttpServer unstarted = HttpServer.create(
                shop.tableTalk.conversations(),
                shop.tableTalk.catalogView(),
                shop.tableTalk.securityEvents(),
                HttpConfig.builder().port(0).build());
        assertThatThrownBy(() -> unstarted.mount("/chat", "chat", new Echo()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/chat is taken");
        unstarted.stop();
    }

    private static HmacIdentityIT.Signed signed(String body, String userId) {
        return signed("POST", body, userId);
    }

    private static HmacIdentityIT.Signed signed(String method, String body, String userId) {
        return HmacIdentityIT.sign(
                SECRET,
                method,
                "/echo",
                body,
                context(userId, "editor", 101),
                Instant.now().getEpochSecond());
    }

    /** Retries the assertion for up to 5 seconds. */
    private static void await(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String[] withType(String[] headers, String type) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = type;
        return all;
    }

    /** Answers the verified caller and the body it reads, counting the requests that reach it. */
    private static final class Echo extends HttpServlet {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient AtomicInteger calls = new AtomicInteger();

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            calls.incrementAndGet();
            UserContext user = HttpServer.verifiedCaller(request).orElseThrow();
            String body = request.getReader().lines().reduce("", String::concat);
            response.setContentType("text/plain");
            response.getWriter().write(user.userId() + " " + user.tenantId().orElse("-") + " " + body);
        }

        /** Answers asynchronously, as a stream of server-sent events does. */
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            calls.incrementAndGet();
            UserContext user = HttpServer.verifiedCaller(request).orElseThrow();
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    async.getResponse().setContentType("text/plain");
                    async.getResponse().getWriter().write("stream of " + user.userId());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
        }

        @Override
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
            calls.incrementAndGet();
            HttpServer.verifiedCaller(request).orElseThrow();
            response.setStatus(200);
        }
    }
}
