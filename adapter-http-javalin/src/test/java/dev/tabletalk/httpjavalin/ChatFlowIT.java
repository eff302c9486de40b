package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Whole conversations over HTTP against PostgreSQL with the real stack: create, update, confirm, sessions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatFlowIT {

    private static final List<String> REPLY_KEYS = WireSamples.REPLY_KEYS;

    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;
    private final String editor = context("u-1001", "editor", 101);
    private final String otherEditor = context("u-1003", "editor", 101);
    private final String otherTenant = context("u-2001", "editor", 202);

    @BeforeAll
    void start() {
        shop = new PostgresShop();
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .userRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .tenantRateLimit(HttpConfig.RateLimit.perMinute(10_000))
                                .build())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    private JsonNode say(String identity, String sessionId, String message) {
        HttpTestClient.Response response = client.post("/chat", chat(sessionId, message), "X-User-Context", identity);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode reply = response.json();
        assertThat(reply.fieldNames()).toIterable().containsExactlyElementsOf(REPLY_KEYS);
        return reply;
    }

    private JsonNode confirm(String identity, String sessionId, String previewId) {
        HttpTestClient.Response response = client.post(
                "/chat",
                "{\"sessionId\":\"" + sessionId + "\",\"confirm\":\"" + previewId + "\"}",
                "X-User-Context",
                identity);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void aCreateAsksForMissingFieldsPreviewsWithTheCallersTenantAndWritesOnlyOnConfirm() {
        JsonNode asked = say(editor, null, "add a product");
        String session = asked.path("sessionId").asText();
        assertThat(asked.path("stage").asText()).isEqualTo("COLLECTING");
        assertThat(asked.path("missing"))
                .extracting(m -> m.path("field").asText())
                .contains("sku", "name");
        JsonNode firstMissing = asked.path("missing").get(0);
        assertThat(firstMissing.path("type").asText()).isNotBlank();
        assertThat(firstMissing.path("required").asBoolean()).isTrue();
        assertThat(firstMissing.has("allowed")).isTrue();
        assertThat(asked.path("question").isNull()).isTrue();
        assertThat(asked.path("draft").path("entity").asText()).isEqualTo("products");

        say(editor, session, "HTTP-1");
        JsonNode preview = say(editor, session, "Gadget over HTTP");
        assertThat(preview.path("stage").asText()).isEqualTo("PREVIEW");
        JsonNode previewPart = preview.path("preview");
        assertThat(previewPart.path("previewId").asText()).isNotBlank();
        assertThat(previewPart.path("expiresAt").asText()).isNotBlank();
        assertThat(previewPart
                        .path("changes")
                        .get(0)
                        .path("after")
                        .path("company_id")
                        .asLong())
                .isEqualTo(101);
        assertThat(count("select count(*) from products where sku = 'HTTP-1'")).isZero();

        JsonNode done = say(editor, session, "confirm");
        assertThat(done.path("stage").asText()).isEqualTo("IDLE");
        assertThat(done.path("refusal").isNull()).isTrue();
        assertThat(count("select count(*) from products where sku = 'HTTP-1' and company_id = 101"))
                .isEqualTo(1);
    }

    @Test
    @Tag("invariant-4")
    void anUpdateRunsAfterAStructuredConfirmOnceAndASecondConfirmIsRefused() {
        JsonNode preview = say(editor, null, "set the status of customer 7 to blocked");
        String session = preview.path("sessionId").asText();
        assertThat(preview.path("stage").asText()).isEqualTo("PREVIEW");
        JsonNode change = preview.path("preview").path("changes").get(0);
        assertThat(change.path("before").path("status").asText()).isEqualTo("active");
        assertThat(change.path("after").path("status").asText()).isEqualTo("blocked");
        assertThat(shop.queryOne("select status from customers where id = 7")).isEqualTo("active");
        String previewId = preview.path("preview").path("previewId").asText();

        JsonNode done = confirm(editor, session, previewId);
        assertThat(done.path("refusal").isNull()).as(done.toString()).isTrue();
        assertThat(done.path("stage").asText()).isEqualTo("IDLE");
        assertThat(shop.queryOne("select status from customers where id = 7")).isEqualTo("blocked");
        Object version = shop.queryOne("select version from customers where id = 7");

        JsonNode again = confirm(editor, session, previewId);
        assertThat(again.path("refusal").path("code").asText()).isNotBlank();
        assertThat(again.path("preview").isNull()).isTrue();
        assertThat(shop.queryOne("select version from customers where id = 7")).isEqualTo(version);
    }

    @Test
    @Tag("invariant-4")
    void aConfirmOfAnotherPreviewIdOrAYesWithoutAPendingPreviewWritesNothing() {
        JsonNode preview = say(editor, null, "set the status of customer 8 to blocked");
        String session = preview.path("sessionId").asText();

        JsonNode forged = confirm(editor, session, "pv_00000000000000000000000000000001");
        assertThat(forged.path("refusal").path("code").asText()).isEqualTo("preview_not_found");
        assertThat(shop.queryOne("select status from customers where id = 8")).isEqualTo("active");

        JsonNode cancelled = say(editor, session, "cancel");
        assertThat(cancelled.path("stage").asText()).isEqualTo("IDLE");
        JsonNode yes = say(editor, session, "yes, do it");
        assertThat(yes.path("preview").isNull()).isTrue();
        assertThat(shop.queryOne("select status from customers where id = 8")).isEqualTo("active");
    }

    @Test
    @Tag("invariant-4")
    void anotherUsersSessionAnswersLikeAMissingOneInTheSameReplyShapeAndCannotBeConfirmed() {
        JsonNode preview = say(editor, null, "set the status of customer 10 to blocked");
        String session = preview.path("sessionId").asText();
        String previewId = preview.path("preview").path("previewId").asText();

        JsonNode stolen = confirm(otherEditor, session, previewId);
        assertThat(stolen.fieldNames()).toIterable().containsExactlyElementsOf(REPLY_KEYS);
        assertThat(stolen.path("refusal").path("code").asText()).isEqualTo("session_not_found");
        JsonNode peek = say(otherEditor, session, "show draft");
        assertThat(peek.path("refusal").path("code").asText()).isEqualTo("session_not_found");
        assertThat(peek.toString()).doesNotContain("blocked");
        JsonNode otherTenantTry = confirm(otherTenant, session, previewId);
        assertThat(otherTenantTry.path("refusal").path("code").asText()).isEqualTo("session_not_found");
        assertThat(shop.queryOne("select status from customers where id = 10")).isEqualTo("active");

        JsonNode owner = confirm(editor, session, previewId);
        assertThat(owner.path("refusal").isNull()).as(owner.toString()).isTrue();
        assertThat(shop.queryOne("select status from customers where id = 10")).isEqualTo("blocked");
    }

    @Test
    @Tag("invariant-4")
    void pub070ParallelConfirmsOfOnePreviewExecuteItExactlyOnce() throws Exception {
        JsonNode preview = say(editor, null, "set the credit_limit of customer 11 to 777");
        assertThat(preview.path("stage").asText()).as(preview.toString()).isEqualTo("PREVIEW");
        String session = preview.path("sessionId").asText();
        String previewId = preview.path("preview").path("previewId").asText();
        Object version = shop.queryOne("select version from customers where id = 11");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<JsonNode>> replies = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return confirm(editor, session, previewId);
                }));
            }
            go.countDown();
            int committed = 0;
            for (Future<JsonNode> reply : replies) {
                JsonNode json = reply.get(60, TimeUnit.SECONDS);
                if (json.path("refusal").isNull() && json.path("error").isNull()) {
                    committed++;
                }
            }
            assertThat(committed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(((Number) shop.queryOne("select credit_limit from customers where id = 11")).intValue())
                .isEqualTo(777);
        assertThat(shop.queryOne("select version from customers where id = 11")).isEqualTo(version);
    }

    @Test
    @Tag("invariant-4")
    void pub072APreviewCannotBeConfirmedFromAnotherSessionOfTheSameUser() {
        JsonNode preview = say(editor, null, "set the status of customer 13 to blocked");
        String previewId = preview.path("preview").path("previewId").asText();
        String otherSession =
                say(editor, null, "show products").path("sessionId").asText();

        JsonNode elsewhere = confirm(editor, otherSession, previewId);
        assertThat(elsewhere.path("refusal").path("code").asText()).isIn("no_pending_preview", "preview_not_found");
        assertThat(shop.queryOne("select status from customers where id = 13")).isEqualTo("active");
    }

    @Test
    @Tag("invariant-4")
    void pub076AConfirmIsCheckedAgainstTheRoleTheIdentityHasNow() {
        JsonNode preview = say(editor, null, "set the status of customer 14 to blocked");
        String session = preview.path("sessionId").asText();
        String previewId = preview.path("preview").path("previewId").asText();

        JsonNode demoted = confirm(context("u-1001", "viewer", 101), session, previewId);
        assertThat(demoted.path("refusal").path("code").asText())
                .as(demoted.toString())
                .isNotBlank();
        assertThat(shop.queryOne("select status from customers where id = 14")).isEqualTo("active");
    }

    @Test
    void aClarifyingQuestionIsAnsweredByNumberOverHttp() {
        shop.planner.script(
                "which one, 7 or 8?",
                PlannerOutput.asking(
                        new Question(
                                "Customer 7 or customer 8?",
                                List.of(
                                        new Question.Choice(
                                                "customer 7",
                                                "id = 7",
                                                ReadPlan.of("customers", List.of(Filter.eq("id", 7L)))),
                                        new Question.Choice(
                                                "customer 8",
                                                "id = 8",
                                                ReadPlan.of("customers", List.of(Filter.eq("id", 8L)))))),
                        ScriptedPlanner.TRACE));

        JsonNode asked = say(editor, null, "which one, 7 or 8?");
        String session = asked.path("sessionId").asText();
        assertThat(asked.path("stage").asText()).isEqualTo("CLARIFYING");
        assertThat(asked.path("rows").isNull()).isTrue();
        JsonNode question = asked.path("question");
        assertThat(question.path("text").asText()).isEqualTo("Customer 7 or customer 8?");
        assertThat(question.path("choices")).hasSize(2);
        assertThat(question.path("choices").get(1).path("n").asInt()).isEqualTo(2);
        assertThat(question.path("choices").get(1).path("label").asText()).isEqualTo("customer 8");
        assertThat(question.path("choices").get(1).path("value").asText()).isEqualTo("id = 8");

        JsonNode answered = say(editor, session, "2");
        assertThat(answered.path("stage").asText()).isEqualTo("IDLE");
        assertThat(answered.path("question").isNull()).isTrue();
        assertThat(answered.path("rows")).hasSize(1);
        assertThat(answered.path("rows").get(0).path("id").asLong()).isEqualTo(8);
        assertThat(answered.path("interpretation").asText()).startsWith("customers where id is 8");
    }

    @Test
    void aReadReplyStatesItsInterpretationAndOtherRepliesHaveNone() {
        JsonNode read = say(otherTenant, null, "show customers");
        JsonNode command = say(editor, null, "show draft");

        int count = read.path("rows").size();
        assertThat(read.path("interpretation").asText())
                .isEqualTo("customers; " + count + (count == 1 ? " row" : " rows"));
        assertThat(command.has("interpretation")).isTrue();
        assertThat(command.path("interpretation").isNull()).isTrue();
    }

    @Test
    @Tag("invariant-7")
    void showMoreContinuesAfterTheLastRowShownAndSaysWhichPage() {
        JsonNode first = say(editor, null, "show customers");
        String session = first.path("sessionId").asText();
        JsonNode more = say(editor, session, "show more");

        assertThat(first.path("more").asBoolean()).isTrue();
        assertThat(first.path("page").toString()).isEqualTo("{\"number\":1,\"firstRow\":1,\"lastRow\":100}");
        assertThat(more.path("page").toString()).isEqualTo("{\"number\":2,\"firstRow\":101,\"lastRow\":200}");
        assertThat(more.path("interpretation").asText()).isEqualTo("customers; page 2, rows 101\u2013200, more exist");
        long lastShown = first.path("rows").get(99).path("id").asLong();
        assertThat(more.path("rows")).hasSize(100).allSatisfy(row -> {
            assertThat(row.path("id").asLong()).isGreaterThan(lastShown);
            assertThat(row.path("company_id").asLong()).isEqualTo(101);
        });
        JsonNode none = say(otherEditor, null, "show more");
        assertThat(none.path("refusal").path("code").asText()).isEqualTo("nothing_to_continue");
    }

    @Test
    @Tag("invariant-7")
    void theTenantComesFromTheIdentityNotFromTheMessage() {
        JsonNode rows = say(otherTenant, null, "show customers");
        assertThat(rows.path("rows")).isNotEmpty();
        assertThat(rows.path("rows"))
                .allSatisfy(row -> assertThat(row.path("company_id").asLong()).isEqualTo(202));

        JsonNode sneaky = say(otherTenant, null, "show customers where company_id is 101");
        if (sneaky.path("rows").isArray()) {
            assertThat(sneaky.path("rows"))
                    .allSatisfy(
                            row -> assertThat(row.path("company_id").asLong()).isEqualTo(202));
        } else {
            assertThat(sneaky.path("refusal").path("code").asText()).isNotBlank();
        }
    }

    @Test
    @Tag("invariant-6")
    void theSchemaShowsOnlyExposedEntitiesAndColumns() {
        HttpTestClient.Response schema = client.get("/schema", "X-User-Context", editor);
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().path("entities"))
                .extracting(e -> e.path("name").asText())
                .contains("customers", "orders", "products");
        assertThat(schema.body()).doesNotContain("users_auth", "api_tokens", "password_hash", "HASH-SECRET");
    }

    @Test
    void aRefusedDeleteComesBackAsAReplyWithItsCode() {
        JsonNode refused = say(editor, null, "delete customer 5");
        assertThat(refused.path("refusal").path("code").asText()).isEqualTo("delete_not_allowed");
        assertThat(count("select count(*) from customers where id = 5")).isEqualTo(1);
    }

    @Test
    void badChatBodiesAreProblemsAndNeverReachThePlanner() {
        int before = shop.planner.calls();
        assertProblem(client.post("/chat", "{not json", "X-User-Context", editor), 400, "invalid_body");
        assertProblem(client.post("/chat", "[\"show customers\"]", "X-User-Context", editor), 400, "invalid_body");
        assertProblem(
                client.post(
                        "/chat",
                        "{\"message\":\"show customers\",\"message\":\"delete all\"}",
                        "X-User-Context",
                        editor),
                400,
                "invalid_body");
        assertProblem(
                client.post(
                        "/chat", "{\"message\":\"show customers\",\"sql\":\"drop table x\"}", "X-User-Context", editor),
                400,
                "invalid_body");
        assertProblem(client.post("/chat", "{\"message\":42}", "X-User-Context", editor), 400, "invalid_body");
        assertProblem(client.post("/chat", "{\"confirm\":\"pv_1\"}", "X-User-Context", editor), 400, "invalid_body");
        assertProblem(
                client.post(
                        "/chat",
                        "message=show",
                        "X-User-Context",
                        editor,
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                415,
                "unsupported_media_type");
        assertThat(shop.planner.calls()).isEqualTo(before);
    }

    @Test
    void healthAnswersWithoutIdentity() {
        HttpTestClient.Response health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("up");
    }

    static void assertProblem(HttpTestClient.Response response, int status, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = response.json();
        assertThat(problem.path("reason").asText()).isEqualTo(reason);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("errorId").asText()).startsWith("err_");
        assertThat(problem.path("instance").asText())
                .contains(problem.path("errorId").asText());
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "SQL", "jdbc");
    }

    private long count(String sql) {
        return ((Number) shop.queryOne(sql)).longValue();
    }
}
