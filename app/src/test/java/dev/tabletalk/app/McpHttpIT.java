package dev.tabletalk.app;

import static dev.tabletalk.app.McpCalls.chat;
import static dev.tabletalk.app.McpCalls.structured;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.ShopFixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code tabletalk serve}'s MCP Streamable HTTP transport at {@code /mcp} (#16), driven by the MCP SDK's own HTTP
 * client, on a PostgreSQL shop database and audit store of its own: the {@link McpScenarios} on this transport, and
 * what only it has. The caller is the request's verified identity (the dev header here), exactly as on {@code /chat};
 * every turn is audited with the transport {@code mcp-http}.
 */
class McpHttpIT extends McpScenarios {

    private static final String IDENTITY = Base64.getEncoder()
            .encodeToString(
                    ("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                            .getBytes(StandardCharsets.UTF_8));

    private static final String JWT_ISSUER = "https://idp.tests";
    private static final String JWT_AUDIENCE = "tabletalk";
    private static final String JWT_SECRET = "the-identity-providers-hs256-secret-of-32-bytes";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private String audit;

    @BeforeEach
    void createAuditDatabase() throws SQLException {
        audit = postgres.createDatabase("tt_mcp_audit");
    }

    @AfterEach
    void dropAuditDatabase() throws SQLException {
        postgres.dropDatabase(audit);
    }

    @Override
    String databasePrefix() {
        return "mcp_http_";
    }

    @Override
    void connected(Map<String, String> environment, Optional<Person> person, Scenario scenario) throws Exception {
        serve(environment, base -> {
            try (McpSyncClient client = client(base, person.map(answer -> answer))) {
                scenario.run(client);
            }
        });
    }

    /** The one turn of the read, as the verified caller and with the transport {@code mcp-http}. */
    @Override
    void assertTheReadIsAudited() throws SQLException {
        List<String> turns = auditedUserContexts();
        assertThat(turns).hasSize(1);
        assertThat(turns.get(0))
                .contains("\"userId\":\"u-1001\"")
                .contains("\"tenantId\":\"" + ShopFixture.TENANT + "\"")
                .contains("\"transport\":\"mcp-http\"");
    }

    @Test
    @Tag("invariant-7")
    void withJwtIdentityTheTokensCallerReadsAndAForgedTokenIsRefused() throws Exception {
        Map<String, String> jwt = Map.of(
                "TABLETALK_JWT_ISSUER", JWT_ISSUER,
                "TABLETALK_JWT_AUDIENCE", JWT_AUDIENCE,
                "TABLETALK_JWT_SECRET", JWT_SECRET);
        serve(List.of("--auth", "jwt"), jwt, base -> {
            try (McpSyncClient client =
                    client(base, "Authorization", "Bearer " + token(JWT_SECRET, "u-jwt"), Optional.empty())) {
                client.initialize();

                McpSchema.CallToolResult read = chat(client, "show customer 1", null);

                assertThat((List<?>) structured(read).get("rows")).hasSize(1);
            }
            HttpResponse<String> forged = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/mcp"))
                                    .header("Authorization", "Bearer " + token(JWT_SECRET + "-not-ours", "u-jwt"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json, text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        });
        assertThat(auditedUserContexts())
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("\"userId\":\"u-jwt\"")
                .contains("\"transport\":\"mcp-http\"");
    }

    @Test
    @Tag("invariant-7")
    void aSessionAnswersOnlyTheCallerWhoOpenedItAndLooksAbsentToAnyOther() throws Exception {
        String otherTenant = Base64.getEncoder()
                .encodeToString(("{\"user_id\":\"u-2002\",\"user_role\":\"editor\",\"company_id\":"
                                + ShopFixture.OTHER_TENANT + "}")
                        .getBytes(StandardCharsets.UTF_8));
        String sameTenantOtherUser = Base64.getEncoder()
                .encodeToString(
                        ("{\"user_id\":\"u-1002\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                                .getBytes(StandardCharsets.UTF_8));
        serve(base -> {
            HttpResponse<String> opened = rawMcp(
                    base,
                    IDENTITY,
                    Optional.empty(),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertThat(opened.statusCode()).isEqualTo(200);
            String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

            HttpResponse<String> fromAnotherTenant = rawMcp(base, otherTenant, Optional.of(session), list);
            HttpResponse<String> fromAnotherUser = rawMcp(base, sameTenantOtherUser, Optional.of(session), list);
            HttpResponse<String> fromNowhere = rawMcp(base, otherTenant, Optional.of("no-such-session"), list);
            HttpResponse<String> fromTheOwner = rawMcp(base, IDENTITY, Optional.of(session), list);

            assertThat(fromAnotherTenant.statusCode()).isEqualTo(404);
            assertThat(fromAnotherUser.statusCode()).isEqualTo(404);
            assertThat(fromNowhere.statusCode()).isEqualTo(404);
            assertThat(fromAnotherTenant.headers().firstValue("Content-Type"))
                    .isEqualTo(fromNowhere.headers().firstValue("Content-Type"));
            assertThat(fromAnotherTenant.body()).doesNotContain("tabletalk_chat");
            assertThat(fromTheOwner.statusCode()).isEqualTo(200);
            assertThat(fromTheOwner.body()).contains("tabletalk_chat");
        });
    }

    @Test
    void aCallerOverTheSessionCapLosesOnlyItsLeastRecentlyUsedSession() throws Exception {
        String otherUser = Base64.getEncoder()
                .encodeToString(
                        ("{\"user_id\":\"u-1002\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                                .getBytes(StandardCharsets.UTF_8));
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        serve(base -> {
            String others = sessionOf(rawMcp(base, otherUser, Optional.empty(), initialize));
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sessions.add(sessionOf(rawMcp(base, IDENTITY, Optional.empty(), initialize)));
            }
            // the first session is used again: the second is now the least recently used
            assertThat(rawMcp(base, IDENTITY, Optional.of(sessions.get(0)), list)
                            .statusCode())
                    .isEqualTo(200);

            String oneMore = sessionOf(rawMcp(base, IDENTITY, Optional.empty(), initialize));

            assertThat(rawMcp(base, IDENTITY, Optional.of(sessions.get(1)), list)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(rawMcp(base, IDENTITY, Optional.of(sessions.get(0)), list)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(rawMcp(base, IDENTITY, Optional.of(sessions.get(19)), list)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(rawMcp(base, IDENTITY, Optional.of(oneMore), list).statusCode())
                    .isEqualTo(200);
            assertThat(rawMcp(base, otherUser, Optional.of(others), list).statusCode())
                    .as("another caller's sessions are not counted against this one")
                    .isEqualTo(200);
        });
    }

    private static String sessionOf(HttpResponse<String> initialized) {
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
        return initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpResponse<String> rawMcp(URI base, String identity, Optional<String> session, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("X-User-Context", identity)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        session.ifPresent(id -> request.header("Mcp-Session-Id", id));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAnIdentityNothingReachesTheMcpServer() throws Exception {
        serve(base -> {
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/mcp"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json, text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                                                    + "{\"name\":\"tabletalk_chat\",\"arguments\":"
                                                    + "{\"message\":\"show customers\"}}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"reason\":\"missing_context\"");

            McpSyncClient anonymous = McpClient.sync(HttpClientStreamableHttpTransport.builder(base.toString())
                            .endpoint("/mcp")
                            .build())
                    .requestTimeout(Duration.ofSeconds(30))
                    .initializationTimeout(Duration.ofSeconds(30))
                    .build();
            assertThatThrownBy(anonymous::initialize).isNotNull();
            anonymous.closeGracefully();
        });
        assertThat(auditedUserContexts()).as("no turn ran").isEmpty();
        assertThat(audited("select message from ai_audit_log where lower(action) = 'auth_failed'"))
                .as("each refused identity is recorded, as on /chat")
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry).contains("POST /mcp: missing_context"));
    }

    private void serve(ServedJar.Test test) throws Exception {
        serve(Map.of(), test);
    }

    private void serve(Map<String, String> environment, ServedJar.Test test) throws Exception {
        serve(List.of(), environment, test);
    }

    private void serve(List<String> options, Map<String, String> environment, ServedJar.Test test) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("--db", shop.userUrl(), "--port", "0", "--audit-db", postgres.urlWithUser(audit)));
        args.addAll(options);
        ServedJar.serve(args, environment, test);
    }

    /** An HS256 token as an identity provider would issue it for the test's issuer and audience. */
    private static String token(String secret, String userId) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + JWT_ISSUER + "\",\"aud\":\"" + JWT_AUDIENCE
                        + "\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + ",\"user_id\":\"" + userId
                        + "\",\"user_role\":\"editor\",\"company_id\":" + ShopFixture.TENANT + "}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + base64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static McpSyncClient client(
            URI base, Optional<Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult>> person) {
        return client(base, "X-User-Context", IDENTITY, person);
    }

    private static McpSyncClient client(
            URI base,
            String identityHeader,
            String identity,
            Optional<Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult>> person) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint("/mcp")
                .jsonMapper(McpJsonDefaults.getMapper())
                // the identity travels on every request, as a chat client sends it to /chat
                .addHttpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header(identityHeader, identity))
                .build();
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60));
        person.ifPresent(answer -> spec.capabilities(
                        McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(answer));
        return spec.build();
    }

    /** The caller of every audited turn, as the audit log records it. */
    private List<String> auditedUserContexts() throws SQLException {
        return audited("select user_context from ai_audit_log where lower(action) <> 'auth_failed' order by seq");
    }

    private List<String> audited(String query) throws SQLException {
        return McpCalls.strings(DriverManager.getConnection(postgres.urlWithUser(audit)), query);
    }
}
