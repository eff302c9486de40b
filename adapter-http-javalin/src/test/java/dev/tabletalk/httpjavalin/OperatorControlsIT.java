package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.launcher.ReloadableSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /admin/read-only} and {@code /admin/reload} with the launcher's operator controls on a PostgreSQL shop:
 * the switch refuses every write of every session from its next turn, is audited and shown by {@code /health};
 * reload picks up a table created after start and refuses settings that do not validate, keeping the running ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorControlsIT {

    private static final String TOKEN = LimitsAndApiIT.OPERATOR_TOKEN;
    private static final String OPERATOR = "Bearer " + TOKEN;
    private static final ReloadableSettings DEFAULTS =
            new ReloadableSettings(Limits.defaults(), RolePolicy.defaults(), ReplyLimits.defaults(), false);

    /** What the settings source returns: the lead connects it to the configuration file. */
    private final AtomicReference<Supplier<ReloadableSettings>> file = new AtomicReference<>(() -> DEFAULTS);

    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;
    private final String editor = context("u-1001", "editor", 101);
    private final String admin = context("root-1", "admin", 101);

    @BeforeAll
    void start() {
        shop = new PostgresShop(
                builder -> builder.settingsSource(() -> file.get().get()));
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .adminToken(TOKEN)
                                .userRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .build(),
                        shop.tableTalk.targetConnections(),
                        shop.tableTalk.operatorControls())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterEach
    void switchOff() {
        shop.tableTalk.readOnlyMode().set(false);
        file.set(() -> DEFAULTS);
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    private JsonNode say(String sessionId, String message) {
        HttpTestClient.Response response = client.post("/chat", chat(sessionId, message), "X-User-Context", editor);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode confirm(String sessionId, String previewId) {
        HttpTestClient.Response response = client.post(
                "/chat",
                "{\"sessionId\":\"" + sessionId + "\",\"confirm\":\"" + previewId + "\"}",
                "X-User-Context",
                editor);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private HttpTestClient.Response switchTo(boolean on) {
        return client.post("/admin/read-only", "{\"on\":" + on + "}", "Authorization", OPERATOR);
    }

    @Test
    @Tag("invariant-10")
    void theSwitchRefusesTheNextWriteOfEverySessionIsAuditedAndShownByHealth() {
        Object before = shop.queryOne("select status from customers where id = 21");
        assertThat(before).isNotEqualTo("blocked");
        JsonNode preview = say(null, "set the status of customer 21 to blocked");
        assertThat(preview.path("stage").asText()).as(preview.toString()).isEqualTo("PREVIEW");
        String session = preview.path("sessionId").asText();
        String previewId = preview.path("preview").path("previewId").asText();
        assertThat(client.get("/health").json().path("readOnly").asBoolean()).isFalse();

        HttpTestClient.Response on = switchTo(true);
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().path("on").asBoolean()).isTrue();
        assertThat(on.json().path("changed").asBoolean()).isTrue();
        HttpTestClient.Response status = client.get("/admin/read-only", "Authorization", OPERATOR);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("on").asBoolean()).isTrue();
        assertThat(client.get("/health").json().path("readOnly").asBoolean()).isTrue();

        // the preview made before the switch cannot be confirmed, and no new write can be previewed
        JsonNode refused = confirm(session, previewId);
        assertThat(refused.path("refusal").path("code").asText()).isEqualTo("read_only_mode");
        JsonNode another = say(null, "set the status of customer 22 to blocked");
        assertThat(another.path("refusal").path("code").asText()).isEqualTo("read_only_mode");
        assertThat(shop.queryOne("select status from customers where id = 21")).isEqualTo(before);
        // reads go on
        assertThat(say(null, "show customer 21").path("rows")).isNotEmpty();

        assertThat(shop.audited("user_id = 'operator' and outcome = 'ok' "
                        + "and message = '(POST /admin/read-only: on (was off))'"))
                .isEqualTo(1);

        HttpTestClient.Response off = switchTo(false);
        assertThat(off.json().path("on").asBoolean()).isFalse();
        assertThat(client.get("/health").json().path("readOnly").asBoolean()).isFalse();
        assertThat(shop.audited("user_id = 'operator' and message = '(POST /admin/read-only: off (was on))'"))
                .isEqualTo(1);
        JsonNode again = say(null, "set the status of customer 22 to blocked");
        assertThat(again.path("stage").asText()).as(again.toString()).isEqualTo("PREVIEW");
    }

    @Test
    void aTenantsIdentityNeverOpensTheOperatorRoutes() {
        String body = "{\"on\":true}";
        assertProblem(client.post("/admin/read-only", body, "X-User-Context", admin), 401, "missing_operator_token");
        assertProblem(
                client.post("/admin/read-only", body, "Authorization", "Bearer " + admin), 401, "bad_operator_token");
        assertProblem(client.get("/admin/read-only", "X-User-Context", admin), 401, "missing_operator_token");
        assertProblem(client.post("/admin/reload", "{}", "X-User-Context", admin), 401, "missing_operator_token");
        assertProblem(client.post("/admin/reload", "{}", "Authorization", OPERATOR + "x"), 401, "bad_operator_token");
        assertThat(shop.tableTalk.readOnlyMode().isOn()).isFalse();
        // the operator port itself refuses a tenant's caller too
        assertThat(shop.tableTalk.operatorControls().switchReadOnly(true, UserContext.of("root-1", "admin", "101")))
                .isInstanceOf(OperatorControls.SwitchOutcome.Refused.class);
        assertThat(shop.tableTalk.readOnlyMode().isOn()).isFalse();
    }

    @Test
    void aBadBodyIsRefusedAndNothingChanges() {
        assertProblem(
                client.post("/admin/read-only", "{\"on\":\"yes\"}", "Authorization", OPERATOR), 400, "invalid_body");
        assertProblem(
                client.post("/admin/read-only", "{\"on\":true,\"x\":1}", "Authorization", OPERATOR),
                400,
                "invalid_body");
        assertProblem(client.post("/admin/reload", "{\"x\":1}", "Authorization", OPERATOR), 400, "invalid_body");
        assertThat(shop.tableTalk.readOnlyMode().isOn()).isFalse();
    }

    @Test
    void withoutTheOperatorTokenTheRoutesDoNotExist() {
        try (HttpServer plain = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder().port(0).build(),
                        shop.tableTalk.targetConnections(),
                        shop.tableTalk.operatorControls())
                .start()) {
            HttpTestClient other = new HttpTestClient(plain.port());
            assertProblem(other.get("/admin/read-only", "Authorization", OPERATOR), 404, "not_found");
            assertProblem(other.post("/admin/read-only", "{\"on\":true}", "Authorization", OPERATOR), 404, "not_found");
            assertProblem(other.post("/admin/reload", "{}", "Authorization", OPERATOR), 404, "not_found");
            assertThat(other.get("/openapi.json").body()).doesNotContain("/admin/");
            // health still tells whether writes are refused
            assertThat(other.get("/health").json().path("readOnly").isBoolean()).isTrue();
        }
        assertThat(shop.tableTalk.readOnlyMode().isOn()).isFalse();
    }

    @Test
    void theOpenApiDocumentDescribesTheOperatorRoutes() {
        JsonNode paths = client.get("/openapi.json").json().path("paths");
        assertThat(paths.path("/admin/read-only").has("get")).isTrue();
        assertThat(paths.path("/admin/read-only").has("post")).isTrue();
        assertThat(paths.path("/admin/reload").path("post").path("responses").has("422"))
                .isTrue();
    }

    @Test
    void reloadPicksUpATableCreatedAfterStartAndIsAudited() {
        shop.execute("create table gadgets (id serial primary key, name text not null, company_id int not null)");
        assertThat(entities()).doesNotContain("gadgets");

        HttpTestClient.Response reloaded = client.post("/admin/reload", "{}", "Authorization", OPERATOR);
        assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.json().path("reloaded").asText()).isEqualTo("settings and catalog");
        assertThat(entities()).contains("gadgets");
        assertThat(shop.audited("user_id = 'operator' and outcome = 'ok' "
                        + "and message like '(POST /admin/reload: settings and catalog (%'"))
                .isEqualTo(1);
    }

    @Test
    void reloadSwapsTheLimitsAndAFailingSourceKeepsTheRunningSettings() {
        file.set(() -> new ReloadableSettings(
                Limits.defaults().withMaxRows(5), RolePolicy.defaults(), ReplyLimits.defaults(), false));
        assertThat(client.post("/admin/reload", "", "Authorization", OPERATOR).status())
                .isEqualTo(200);
        assertThat(shop.tableTalk.limits().maxRows()).isEqualTo(5);
        assertThat(say(null, "show customers").path("rows").size()).isEqualTo(5);

        file.set(() -> {
            throw new ConfigurationException(
                    "tabletalk.yaml line 3: limits.maxRows must be between 1 and 100, not 500");
        });
        HttpTestClient.Response refused = client.post("/admin/reload", "{}", "Authorization", OPERATOR);
        assertProblem(refused, 422, "invalid_settings");
        assertThat(refused.json().path("detail").asText())
                .contains("tabletalk.yaml line 3: limits.maxRows must be between 1 and 100")
                .contains("The running settings stay");
        assertThat(shop.tableTalk.limits().maxRows()).isEqualTo(5);
        assertThat(say(null, "show customers").path("rows").size()).isEqualTo(5);
        assertThat(shop.audited("user_id = 'operator' and outcome = 'refused' "
                        + "and message = '(POST /admin/reload: reload: invalid_settings)'"))
                .isEqualTo(1);

        // the tenant column needs a restart
        file.set(() -> new ReloadableSettings(
                Limits.defaults().withTenantColumn("org_id"), RolePolicy.defaults(), ReplyLimits.defaults(), false));
        assertProblem(client.post("/admin/reload", "{}", "Authorization", OPERATOR), 422, "invalid_settings");
        assertThat(shop.tableTalk.limits().tenantColumn()).isEqualTo("company_id");

        // a reload may turn read-only mode on, never off
        file.set(() -> new ReloadableSettings(Limits.defaults(), RolePolicy.defaults(), ReplyLimits.defaults(), true));
        HttpTestClient.Response on = client.post("/admin/reload", "{}", "Authorization", OPERATOR);
        assertThat(on.json().path("readOnly").asBoolean()).isTrue();
        file.set(() -> DEFAULTS);
        HttpTestClient.Response stays = client.post("/admin/reload", "{}", "Authorization", OPERATOR);
        assertThat(stays.json().path("readOnly").asBoolean()).isTrue();
        assertThat(stays.json().path("notes").toString()).contains("stays on");
        assertThat(shop.tableTalk.limits().maxRows()).isEqualTo(Limits.HARD_MAX_ROWS);
    }

    private List<String> entities() {
        HttpTestClient.Response schema = client.get("/schema", "X-User-Context", editor);
        assertThat(schema.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        schema.json().path("entities").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }
}
