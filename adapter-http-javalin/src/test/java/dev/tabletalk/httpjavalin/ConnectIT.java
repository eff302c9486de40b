package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.user.UserContext;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code POST /admin/connect} with the launcher's TargetConnections against two PostgreSQL shops: the server starts
 * on the first and the operator (token) switches it to the second. The switch itself runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectIT {

    private static final String MARKER = "Second Shop Customer";
    private static final URI PG = URI.create(PostgresShop.BASE_URL.substring("jdbc:".length()));
    private static final String HOST = PG.getHost();
    private static final String TARGET = HOST + ":" + (PG.getPort() < 0 ? 5432 : PG.getPort());
    private static final String CLOSED = HOST + ":1";
    private static final String TOKEN = LimitsAndApiIT.OPERATOR_TOKEN;

    private PostgresShop first;
    private PostgresShop second;
    private HttpServer server;
    private HttpTestClient client;
    private final AtomicInteger portCalls = new AtomicInteger();
    private final String admin = context("root-1", "admin", 101);
    private final String editor = context("u-1001", "editor", 101);

    @BeforeAll
    void start() {
        first = new PostgresShop(builder -> builder.connectTargets(Set.of(TARGET, CLOSED)));
        second = new PostgresShop();
        second.queryOne("update customers set name = '" + MARKER + "' where id = 1 returning id");
        TargetConnections counted = new TargetConnections() {
            @Override
            public ConnectOutcome connect(String url, UserContext caller) {
                portCalls.incrementAndGet();
                return first.tableTalk.targetConnections().connect(url, caller);
            }

            @Override
            public TargetStatus status() {
                return first.tableTalk.targetConnections().status();
            }
        };
        server = HttpServer.create(
                        first.tableTalk.conversations(),
                        first.tableTalk.catalogView(),
                        first.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .adminToken(TOKEN)
                                .connectTargets(Set.of(TARGET, CLOSED))
                                .userRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .build(),
                        counted)
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        first.close();
        second.close();
    }

    private HttpTestClient.Response connect(String url) {
        return client.post("/admin/connect", "{\"url\":\"" + url + "\"}", "Authorization", "Bearer " + TOKEN);
    }

    private HttpTestClient.Response connectAs(String identity, String url) {
        return client.post("/admin/connect", "{\"url\":\"" + url + "\"}", "X-User-Context", identity);
    }

    private JsonNode say(String sessionId, String message) {
        HttpTestClient.Response response = client.post("/chat", chat(sessionId, message), "X-User-Context", editor);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String firstCustomer() {
        return say(null, "show customer 1").path("rows").toString();
    }

    private long operatorRefusals() {
        return first.audited("user_id = 'operator' and outcome = 'refused' and message like '(POST /admin/connect:%'");
    }

    @Test
    @Order(1)
    void aTenantAdminIsRefusedWithoutReachingThePortAndTheRefusalIsAudited() {
        int calls = portCalls.get();
        long failures = first.auditedAuthFailures();

        assertProblem(connectAs(admin, second.userUrl()), 401, "missing_operator_token");
        assertProblem(connectAs(editor, second.userUrl()), 401, "missing_operator_token");

        assertThat(portCalls.get()).isEqualTo(calls);
        assertThat(first.auditedAuthFailures()).isEqualTo(failures + 2);
        assertThat(firstCustomer()).doesNotContain(MARKER);
    }

    @Test
    @Order(2)
    void targetsOffTheAllowlistAndUrlsWithoutAHostGet403WithoutReachingThePortAsTheOperatorsRefusals() {
        int calls = portCalls.get();
        long failures = first.auditedAuthFailures();
        long refusals = operatorRefusals();

        assertProblem(connect("postgresql://postgres@169.254.169.254:5432/x"), 403, "host_not_allowed");
        assertProblem(connect("jdbc:postgresql://" + HOST + ":5432@10.0.0.1/x"), 403, "host_not_allowed");
        assertProblem(connect("jdbc:h2:mem:elsewhere"), 403, "host_not_allowed");
        assertProblem(connect("jdbc:postgresql://" + HOST + ",10.0.0.1/x"), 403, "host_not_allowed");
        // PUB-108: the same host on another port is not listed (a fake server there never gets a login)
        int port = Integer.parseInt(TARGET.substring(TARGET.lastIndexOf(':') + 1));
        assertProblem(
                connect("jdbc:postgresql://" + HOST + ":" + (port == 65535 ? port - 1 : port + 1) + "/x?user=postgres"),
                403,
                "host_not_allowed");
        assertProblem(
                client.post("/admin/connect", "{\"url\":\"x\",\"more\":1}", "Authorization", "Bearer " + TOKEN),
                400,
                "invalid_body");

        assertThat(portCalls.get()).isEqualTo(calls);
        assertThat(first.auditedAuthFailures())
                .as("not anonymous auth failures")
                .isEqualTo(failures);
        assertThat(operatorRefusals()).isEqualTo(refusals + 6);
    }

    @Test
    @Order(3)
    void anAllowedHostThatCannotBeReachedGetsOneGenericMessageAndNothingChanges() {
        HttpTestClient.Response closedPort = connect("jdbc:postgresql://" + CLOSED + "/x?user=postgres");
        HttpTestClient.Response missingDatabase =
                connect("jdbc:postgresql://" + TARGET + "/tt_http_missing?user=postgres&password=hunter2");

        assertProblem(closedPort, 502, "connection_failed");
        assertProblem(missingDatabase, 502, "connection_failed");
        assertThat(closedPort.json().path("detail"))
                .isEqualTo(missingDatabase.json().path("detail"));
        assertThat(missingDatabase.body())
                .doesNotContain("hunter2")
                .doesNotContain("tt_http_missing")
                .doesNotContain(":1/")
                .doesNotContain("Connection refused")
                .doesNotContain("exist");
        assertThat(first.audited("message like '(POST /admin/connect:%connection_failed)'"))
                .isEqualTo(2);
        assertThat(firstCustomer()).doesNotContain(MARKER);
    }

    @Test
    @Order(4)
    void driverOptionsThatCouldLoadClassesAreRefusedByThePort() {
        assertProblem(connect(second.userUrl() + "&socketFactory=java.net.Socket"), 400, "unsupported_url");
        assertThat(firstCustomer()).doesNotContain(MARKER);
    }

    @Test
    @Order(5)
    @Tag("invariant-4")
    void anAdminSwitchesToTheSecondShopReadsComeFromItAndAnOldPreviewCannotBeConfirmed() {
        JsonNode preview = say(null, "set the status of customer 7 to blocked");
        String session = preview.path("sessionId").asText();
        String previewId = preview.path("preview").path("previewId").asText();
        assertThat(previewId).as(preview.toString()).isNotBlank();

        HttpTestClient.Response connected = connect(second.userUrl());

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().path("database").asText())
                .contains(second.database)
                .doesNotContain("user");
        assertThat(connected.json().path("exposedEntities").asInt()).isPositive();
        assertThat(firstCustomer()).contains(MARKER);
        assertThat(client.get("/schema", "X-User-Context", editor).status()).isEqualTo(200);

        HttpTestClient.Response confirm = client.post(
                "/chat",
                "{\"sessionId\":\"" + session + "\",\"confirm\":\"" + previewId + "\"}",
                "X-User-Context",
                editor);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.json().path("refusal").path("code").asText()).isEqualTo("preview_not_found");
        assertThat(say(session, "confirm").path("refusal").path("code").asText())
                .isEqualTo("no_pending_preview");
        assertThat(first.queryOne("select status from customers where id = 7")).isEqualTo("active");
        assertThat(second.queryOne("select status from customers where id = 7")).isEqualTo("active");
        assertThat(first.audited("user_id = 'operator' and message like '(POST /admin/connect: connected %'"))
                .isEqualTo(1);
    }
}
