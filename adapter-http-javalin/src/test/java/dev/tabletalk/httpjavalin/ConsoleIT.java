package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web console's static files and the headers that keep a browser safe: a strict Content-Security-Policy and the
 * other security headers on every response (page, script, API answer, problem), and every state-changing request
 * refused unless it is JSON, so a cross-site form can neither chat nor confirm nor switch anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final String OPERATOR = "Bearer " + LimitsAndApiIT.OPERATOR_TOKEN;

    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;
    private final String editor = context("u-1001", "editor", 101);

    @BeforeAll
    void start() {
        shop = new PostgresShop();
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .adminToken(LimitsAndApiIT.OPERATOR_TOKEN)
                                .build(),
                        shop.tableTalk.targetConnections(),
                        shop.tableTalk.operatorControls())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    @Test
    void theConsoleIsServedAtTheRootFromTheJarWithItsModulesAndStyles() {
        HttpTestClient.Response page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("data-testid=\"message-input\"", "<script type=\"module\" src=\"app.js\"></script>")
                // no inline script or style for the policy to allow
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContain("<style", " style=", "onclick=", "onload=");
        for (String module :
                new String[] {"/app.js", "/api.js", "/render.js", "/schema.js", "/store.js", "/chart.js"}) {
            HttpTestClient.Response script = client.get(module);
            assertThat(script.status()).as(module).isEqualTo(200);
            assertThat(script.header("Content-Type"))
                    .as(module)
                    .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            // data is rendered as text: no module assigns markup
            assertThat(script.body()).as(module).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML");
        }
        assertThat(client.get("/console.css").header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        assertSecurityHeaders(client.get("/"));
        assertSecurityHeaders(client.get("/app.js"));
        assertSecurityHeaders(client.get("/health"));
        assertSecurityHeaders(client.get("/openapi.json"));
        assertSecurityHeaders(client.get("/no-such-page"));
        assertSecurityHeaders(client.get("/schema"));
        assertSecurityHeaders(client.post("/chat", chat(null, "show customers"), "X-User-Context", editor));
        assertSecurityHeaders(client.post("/chat", "{", "X-User-Context", editor));
    }

    @Test
    void aChatThatIsNotJsonIsRefusedBeforeAnyTurnRuns() {
        long before = shop.planner.calls();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            assertProblem(
                    client.post(
                            "/chat",
                            "{\"message\":\"set the status of customer 21 to blocked\"}",
                            "X-User-Context",
                            editor,
                            "Content-Type",
                            type),
                    415,
                    "unsupported_media_type");
        }
        assertThat(shop.planner.calls()).isEqualTo(before);
    }

    @Test
    void aChatWithoutTheIdentityHeaderIsRefusedWhateverItsType() {
        HttpTestClient.Response refused = client.post("/chat", chat(null, "show customers"));
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void anOperatorActThatIsNotJsonIsRefusedAndChangesNothing() {
        HttpTestClient.Response refused = client.post(
                "/admin/read-only", "{\"on\":true}", "Authorization", OPERATOR, "Content-Type", "text/plain");
        assertProblem(refused, 415, "unsupported_media_type");
        assertThat(shop.tableTalk.readOnlyMode().isOn()).isFalse();
        assertProblem(
                client.post("/admin/reload", "{}", "Authorization", OPERATOR, "Content-Type", "text/plain"),
                415,
                "unsupported_media_type");
    }

    private static void assertSecurityHeaders(HttpTestClient.Response response) {
        assertThat(response.header("Content-Security-Policy"))
                .as("CSP of a %d answer", response.status())
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.header("X-Frame-Options")).hasValue("DENY");
    }
}
