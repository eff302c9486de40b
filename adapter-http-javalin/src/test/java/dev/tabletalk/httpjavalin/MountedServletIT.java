package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.identity.HmacSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.time.Instant;
import java.util.Arrays;
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
 * the signed body readable again.
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
                .mount("/echo", "echo", echo)
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
        return HmacIdentityIT.sign(
                SECRET,
                "POST",
                "/echo",
                body,
                context(userId, "editor", 101),
                Instant.now().getEpochSecond());
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
    }
}
