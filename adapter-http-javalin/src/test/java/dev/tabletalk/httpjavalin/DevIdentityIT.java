package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dev identity header (attack catalogue HDR cases) against PostgreSQL: good, malformed, forged, oversized. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevIdentityIT {

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
                        // every refusal here is counted one by one: the flood threshold (PUB-105) is above what they
                        // send
                        HttpConfig.builder()
                                .port(0)
                                .authFailureAudit(new HttpConfig.AuthFailureAudit(10_000, Duration.ofMinutes(1)))
                                .build())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    static Stream<Arguments> badHeaders() {
        String pad = "x".repeat(3500);
        return Stream.of(
                Arguments.of("PUB-029 not base64", "%%%not-base64%%%", 400, "malformed_context"),
                Arguments.of("PUB-030 not JSON", "aGVsbG8=", 400, "malformed_context"),
                Arguments.of("PUB-031 an array", "W10=", 400, "malformed_context"),
                Arguments.of("a JSON string", context("\"u-1001\""), 400, "malformed_context"),
                Arguments.of(
                        "trailing garbage",
                        context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":101} {}"),
                        400,
                        "malformed_context"),
                Arguments.of(
                        "PUB-032 no user_id",
                        "eyJ1c2VyX3JvbGUiOiJlZGl0b3IiLCJjb21wYW55X2lkIjoxMDF9",
                        401,
                        "missing_claim"),
                Arguments.of(
                        "PUB-033 no company_id",
                        "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIn0=",
                        401,
                        "missing_claim"),
                Arguments.of(
                        "no user_role", context("{\"user_id\":\"u-1001\",\"company_id\":101}"), 401, "missing_claim"),
                Arguments.of(
                        "PUB-034 company_id as a string",
                        "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6IjEwMSJ9",
                        401,
                        "type_error"),
                Arguments.of(
                        "PUB-035 company_id as a list",
                        "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6WzEwMSwyMDJdfQ==",
                        401,
                        "type_error"),
                Arguments.of(
                        "company_id as a fraction",
                        context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":101.5}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "company_id null",
                        context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":null}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "user_id as a fraction",
                        context("{\"user_id\":1001.5,\"user_role\":\"editor\"," + "\"company_id\":101}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "user_id as a boolean",
                        context("{\"user_id\":true,\"user_role\":\"editor\"," + "\"company_id\":101}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "user_id as an object",
                        context("{\"user_id\":{\"id\":1},\"user_role\":\"editor\"," + "\"company_id\":101}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "user_id empty",
                        context("{\"user_id\":\"\",\"user_role\":\"editor\"," + "\"company_id\":101}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "company_id as a boolean",
                        context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":true}"),
                        401,
                        "type_error"),
                Arguments.of(
                        "PUB-036 duplicate company_id",
                        "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MTAxLCJjb21wYW55X2lkIjoyMDJ9",
                        400,
                        "duplicate_key"),
                Arguments.of(
                        "duplicate user_role",
                        context("{\"user_id\":\"u-1\",\"user_role\":\"viewer\","
                                + "\"user_role\":\"admin\",\"company_id\":101}"),
                        400,
                        "duplicate_key"),
                Arguments.of(
                        "over 4096 bytes",
                        context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":101,\"pad\":\""
                                + pad + "\"}"),
                        400,
                        "context_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    @Tag("invariant-7")
    void aBadIdentityHeaderIsRefusedWithAReasonWithoutEchoAndWithoutAPlannerCall(
            String name, String header, int status, String reason) {
        int before = shop.planner.calls();
        HttpTestClient.Response response = client.post("/chat", chat(null, "show customers"), "X-User-Context", header);

        assertProblem(response, status, reason);
        assertThat(response.body()).doesNotContain(header);
        assertThat(shop.planner.calls()).isEqualTo(before);
        assertProblem(client.get("/schema", "X-User-Context", header), status, reason);
    }

    @Test
    void noHeaderAtAllIsMissingContext() {
        int before = shop.planner.calls();
        assertProblem(client.post("/chat", chat(null, "show customers")), 401, "missing_context");
        assertThat(shop.planner.calls()).isEqualTo(before);
    }

    @Test
    @org.junit.jupiter.api.Tag("invariant-9")
    void everyRefusedIdentityIsAuditedOnce() {
        long before = shop.auditedAuthFailures();

        client.post("/chat", chat(null, "show customers"));
        client.post("/chat", chat(null, "show customers"), "X-User-Context", "%%%not-base64%%%");

        assertThat(shop.auditedAuthFailures()).isEqualTo(before + 2);
    }

    @Test
    void aRepeatedIdentityHeaderIsRefused() {
        assertProblem(
                client.post(
                        "/chat",
                        chat(null, "show customers"),
                        "X-User-Context",
                        context("u-1001", "editor", 101),
                        "X-User-Context",
                        context("u-2001", "admin", 202)),
                400,
                "duplicate_header");
    }

    @Test
    void aHeaderOf64KilobytesIsRefusedBeforeParsingWithoutAStackTrace() {
        String huge = Base64.getEncoder()
                .encodeToString(("{\"user_id\":\"u-1001\",\"user_role\":\"editor\"," + "\"company_id\":101,\"pad\":\""
                                + "x".repeat(48 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        int before = shop.planner.calls();
        HttpTestClient.Response response = client.post("/chat", chat(null, "show customers"), "X-User-Context", huge);

        assertThat(response.status()).isIn(400, 401, 431);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.json().path("reason").asText()).isIn("headers_too_large", "context_too_large");
        assertThat(response.body()).doesNotContain("xxxx", "Exception", "\tat ").hasSizeLessThan(1000);
        assertThat(shop.planner.calls()).isEqualTo(before);
        // the server still serves afterwards
        assertThat(client.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Tag("invariant-7")
    void aGoodHeaderIsAcceptedAndItsTenantScopesTheRows() {
        HttpTestClient.Response response = client.post(
                "/chat",
                chat(null, "show customers"),
                "X-User-Context",
                "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MTAxfQ==");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("rows"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.path("company_id").asLong()).isEqualTo(101));
    }

    @Test
    @Tag("invariant-7")
    void theProductBriefsHeaderWithAnIntegerUserIdIsAcceptedAsText() {
        // PUB-113: {"user_id": 42, "user_role": "admin", "company_id": 101}
        HttpTestClient.Response response = client.post(
                "/chat",
                chat(null, "show customers"),
                "X-User-Context",
                context("{\"user_id\": 42, \"user_role\": \"admin\", \"company_id\": 101}"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("rows"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.path("company_id").asLong()).isEqualTo(101));
        assertThat(shop.audited("user_id = '42'")).isPositive();
    }

    @Test
    void aViewerMayReadButNotPreviewAnUpdate() {
        String viewer = "eyJ1c2VyX2lkIjoidS0xMDAyIiwidXNlcl9yb2xlIjoidmlld2VyIiwiY29tcGFueV9pZCI6MTAxfQ==";
        HttpTestClient.Response response =
                client.post("/chat", chat(null, "set customer 5 status to blocked"), "X-User-Context", viewer);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("refusal").path("code").asText()).isEqualTo("role_forbids");
        assertThat(response.json().path("preview").isNull()).isTrue();
    }

    @Test
    void authFailuresAreCountedByReasonInTheMetrics() {
        client.post("/chat", chat(null, "show customers"), "X-User-Context", "W10=");
        String metrics = client.get("/metrics").body();
        assertThat(metrics).contains("tabletalk_http_auth_failures_total{reason=\"malformed_context\"}");
        assertThat(metrics)
                .containsPattern("tabletalk_http_requests_seconds_count\\{[^}]*outcome=\"malformed_context\""
                        + "[^}]*route=\"chat\"[^}]*status=\"400\"");
    }
}
