package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.LangChain4jPlannerIT.ordered;
import static dev.tabletalk.plannerllm.StubModelServer.answer;
import static dev.tabletalk.plannerllm.StubModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerllm.StubModelServer.Responder;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form of the plan language v2 end to end through the stub servers: the model's stage B answer in the
 * wire shape of {@code plan --json} becomes a {@link PlannerOutput} with the same conditions, columns, ordering,
 * offset and aggregate; malformed variants are sent back with the reason and refused when they stay wrong.
 */
class PlanLanguageIT {

    static final SchemaView SHOP = SchemaView.of(Catalogs.shop());
    static final String READ_CUSTOMERS = json(Map.of("intent", "read", "entity", "customers"));
    static final String READ_ORDERS = json(Map.of("intent", "read", "entity", "orders"));
    static final String UPDATE_ORDERS = json(Map.of("intent", "update", "entity", "orders"));

    private final List<StubModelServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(StubModelServer::close);
    }

    private StubModelServer openAi(Responder responder) {
        StubModelServer server = StubModelServer.openAi(responder);
        servers.add(server);
        return server;
    }

    private static Planner planner(StubModelServer server) {
        return LangChain4jPlanner.builder()
                .models(ModelSpec.parse("openai:stub-model").withBaseUrl(server.baseUrl()))
                .apiKey("sk-test-key")
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private PlannerOutput plan(String stageA, Map<String, Object> stageB, String message) {
        StubModelServer server = openAi(Responder.stages(stageA, json(stageB)));
        return planner(server).plan(PlannerRequest.standalone(message, SHOP));
    }

    /** A stage B answer with these keys set, every other key as a model sends it when not asked. */
    static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> answer = ordered(
                "fields",
                Map.of(),
                "filters",
                List.of(),
                "select",
                List.of(),
                "orderBy",
                List.of(),
                "limit",
                null,
                "offset",
                null,
                "aggregate",
                null);
        answer.putAll(ordered(pairs));
        return answer;
    }

    static Map<String, Object> filter(String field, String op, Object value) {
        return ordered("field", field, "op", op, "value", value);
    }

    @Test
    void anyOfNotAndTheNewOperatorsBecomeConditionTrees() {
        PlannerOutput output = plan(
                READ_CUSTOMERS,
                detail(
                        "filters",
                        List.of(
                                ordered(
                                        "anyOf",
                                        List.of(
                                                filter("name", "ends_with", "son"),
                                                filter("name", "starts_with", "Ada"))),
                                ordered("not", filter("status", "=", "blocked")),
                                filter("status", "not_in", List.of("inactive")),
                                filter("id", "in", List.of(1, 2, 3)),
                                filter("credit_limit", "between", List.of(100, 250.5)),
                                filter("created_at", "is_not_null", null),
                                ordered("not", ordered("anyOf", List.of(filter("name", "contains", "test")))))),
                "customers whose name ends with son or starts with Ada, not blocked, not inactive, ...");

        assertThat(output.intent()).isEqualTo(Intent.READ);
        assertThat(output.filters())
                .containsExactly(
                        AnyOf.of(Filter.of("name", Op.ENDS_WITH, "son"), Filter.of("name", Op.STARTS_WITH, "Ada")),
                        Not.of(Filter.eq("status", "blocked")),
                        Filter.of("status", Op.NOT_IN, List.of("inactive")),
                        Filter.of("id", Op.IN, List.of(1L, 2L, 3L)),
                        Filter.of("credit_limit", Op.BETWEEN, List.of(100L, new BigDecimal("250.5"))),
                        Filter.of("created_at", Op.IS_NOT_NULL, null),
                        Not.of(AnyOf.of(Filter.of("name", Op.CONTAINS, "test"))));
        assertThat(output.select()).isEmpty();
        assertThat(output.offset()).isZero();
        assertThat(output.aggregate()).isEmpty();
    }

    @Test
    void selectOrderByLimitAndOffsetAreARead() {
        PlannerOutput output = plan(
                READ_CUSTOMERS,
                detail(
                        "select",
                        List.of("Name", "email"),
                        "orderBy",
                        List.of(ordered("field", "created_at", "dir", "desc"), ordered("field", "name", "dir", "asc")),
                        "limit",
                        20,
                        "offset",
                        40),
                "page 3 of the name and email of customers, newest first");

        assertThat(output.select()).containsExactly("name", "email");
        assertThat(output.orderBy()).containsExactly(Sort.descending("created_at"), Sort.ascending("name"));
        assertThat(output.limit()).isEqualTo(OptionalInt.of(20));
        assertThat(output.offset()).isEqualTo(40);
        assertThat(output.aggregate()).isEmpty();
    }

    @Test
    void aCountOfRowsIsAnAggregateWithoutAField() {
        PlannerOutput output = plan(
                READ_CUSTOMERS,
                detail(
                        "filters",
                        List.of(filter("status", "=", "active")),
                        "aggregate",
                        ordered("fn", "count", "field", null, "groupBy", List.of())),
                "how many active customers are there?");

        assertThat(output.aggregate()).contains(Aggregate.count());
        assertThat(output.filters()).containsExactly(Filter.eq("status", "active"));
    }

    @Test
    void aGroupedAggregateIsOrderedByItsOutputKey() {
        PlannerOutput output = plan(
                READ_ORDERS,
                detail(
                        "aggregate",
                        ordered("fn", "sum", "field", "Total", "groupBy", List.of("status", "customer_id")),
                        "orderBy",
                        List.of(ordered("field", "sum_total", "dir", "desc")),
                        "limit",
                        5),
                "top 5 customers and statuses by order total");

        assertThat(output.entity()).contains("orders");
        assertThat(output.aggregate()).contains(Aggregate.of(Aggregate.Fn.SUM, "total", "status", "customer_id"));
        assertThat(output.orderBy()).containsExactly(Sort.descending("sum_total"));
        assertThat(output.limit()).isEqualTo(OptionalInt.of(5));
    }

    @ParameterizedTest
    @MethodSource("everyFunction")
    void everyAggregateFunctionIsTakenOnAFieldItFits(String fn) {
        PlannerOutput output = plan(
                READ_ORDERS,
                detail("aggregate", ordered("fn", fn, "field", "total", "groupBy", List.of("status"))),
                fn + " of order totals per status");

        Aggregate.Fn expected = Aggregate.Fn.fromWireName(fn).orElseThrow();
        assertThat(output.aggregate()).contains(new Aggregate(expected, Optional.of("total"), List.of("status")));
    }

    static List<String> everyFunction() {
        return Arrays.stream(Aggregate.Fn.values()).map(Aggregate.Fn::wireName).toList();
    }

    /** {@code {"field", "op", "via": {"entity", "filters"}}} and any extra keys given in pairs. */
    static Map<String, Object> via(String field, String op, String entity, List<?> filters, Object... extra) {
        Map<String, Object> via =
                ordered("field", field, "op", op, "via", ordered("entity", entity, "filters", filters));
        via.putAll(ordered(extra));
        return via;
    }

    static List<Object> nameIsAda() {
        return List.of(filter("name", "=", "Ada Lovelace"));
    }

    @Test
    void aRelationshipFilterBecomesARelatedCondition() {
        PlannerOutput output = plan(
                READ_ORDERS,
                detail(
                        "filters",
                        List.of(
                                via(
                                        "customer_id",
                                        "in",
                                        "Customers",
                                        List.of(
                                                filter("name", "=", "Ada Lovelace"),
                                                ordered("not", filter("status", "=", "blocked")))),
                                filter("status", "=", "paid"))),
                "paid orders of customer Ada Lovelace unless she is blocked");

        assertThat(output.intent()).isEqualTo(Intent.READ);
        assertThat(output.entity()).contains("orders");
        assertThat(output.filters())
                .containsExactly(
                        Related.of(
                                "customer_id",
                                "customers",
                                Filter.eq("name", "Ada Lovelace"),
                                Not.of(Filter.eq("status", "blocked"))),
                        Filter.eq("status", "paid"));
    }

    @Test
    void aMalformedRelationshipFilterIsRepairedByTheNextAnswer() {
        String wrong = json(detail("filters", List.of(via("customer_id", "in", "customer", nameIsAda()))));
        String right = json(detail("filters", List.of(via("customer_id", "in", "customers", nameIsAda()))));
        StubModelServer server = openAi(Responder.sequence(answer(READ_ORDERS), answer(wrong), answer(right)));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("orders of customer Ada Lovelace", SHOP));

        assertThat(output.filters())
                .containsExactly(Related.of("customer_id", "customers", Filter.eq("name", "Ada Lovelace")));
        assertThat(output.trace().attempts()).isEqualTo(3);
        assertThat(server.exchanges().get(2).lastMessage())
                .contains("via entity 'customer' is not in the list of entities");
    }

    @Test
    void aRelationshipFilterIntoAHiddenEntityGetsTheAnswerOfOneThatDoesNotExist() {
        List<String> retries = new ArrayList<>();
        for (String entity : List.of("users_auth", "no_such_table")) {
            StubModelServer server = openAi(Responder.stages(
                    READ_ORDERS,
                    json(detail("filters", List.of(via("customer_id", "in", entity, List.of(filter("id", "=", 1))))))));
            PlannerOutput output = planner(server).plan(PlannerRequest.standalone("orders of user 1", SHOP));
            assertThat(output).isEqualTo(PlannerOutput.unknown(output.trace()));
            retries.add(server.exchanges().get(2).lastMessage().replace(entity, "<entity>"));
        }
        assertThat(retries.get(0)).isEqualTo(retries.get(1));
    }

    @Test
    void anUpdateTakesAConditionTree() {
        PlannerOutput output = plan(
                UPDATE_ORDERS,
                detail(
                        "fields",
                        Map.of("status", "shipped"),
                        "filters",
                        List.of(ordered(
                                "anyOf", List.of(filter("id", "=", 7), filter("status", "ends_with", "pending"))))),
                "mark order 7 and every order whose status ends with pending as shipped");

        assertThat(output.intent()).isEqualTo(Intent.UPDATE);
        assertThat(output.fields()).containsExactly(Map.entry("status", "shipped"));
        assertThat(output.filters())
                .containsExactly(AnyOf.of(Filter.eq("id", 7L), Filter.of("status", Op.ENDS_WITH, "pending")));
    }

    /** A malformed stage B answer, the message the retry must carry, and the entity it is for. */
    record Malformed(String name, String stageA, Map<String, Object> stageB, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Malformed> malformed() {
        Map<String, Object> deep = filter("name", "=", "x");
        for (int i = 0; i < 3; i++) {
            deep = ordered("not", deep);
        }
        return List.of(
                new Malformed(
                        "unknown op",
                        READ_CUSTOMERS,
                        detail("filters", List.of(filter("name", "like", "A%"))),
                        "op 'like' is not allowed"),
                new Malformed(
                        "legacy order_by key",
                        READ_CUSTOMERS,
                        ordered("order_by", List.of(ordered("field", "name", "descending", true))),
                        "unknown key 'order_by'"),
                new Malformed(
                        "descending instead of dir",
                        READ_CUSTOMERS,
                        detail("orderBy", List.of(ordered("field", "name", "descending", true))),
                        "unknown key 'descending'"),
                new Malformed(
                        "wrong dir",
                        READ_CUSTOMERS,
                        detail("orderBy", List.of(ordered("field", "name", "dir", "down"))),
                        "dir must be asc or desc"),
                new Malformed("tree too deep", READ_CUSTOMERS, detail("filters", List.of(deep)), "at most 3 levels"),
                new Malformed(
                        "unknown key in a condition",
                        READ_CUSTOMERS,
                        detail("filters", List.of(ordered("field", "id", "op", "=", "value", 1, "sql", "1=1"))),
                        "unknown key 'sql' in a condition"),
                new Malformed(
                        "relationship filter with a value",
                        READ_ORDERS,
                        detail("filters", List.of(via("customer_id", "in", "customers", nameIsAda(), "value", null))),
                        "unknown key 'value' in a relationship filter"),
                new Malformed(
                        "relationship filter with another op",
                        READ_ORDERS,
                        detail("filters", List.of(via("customer_id", "=", "customers", nameIsAda()))),
                        "a relationship filter (via) takes op \"in\""),
                new Malformed(
                        "relationship filter without filters",
                        READ_ORDERS,
                        detail("filters", List.of(via("customer_id", "in", "customers", List.of()))),
                        "via filters take a non-empty JSON array"),
                new Malformed(
                        "relationship filter with an unknown key in via",
                        READ_ORDERS,
                        detail(
                                "filters",
                                List.of(ordered(
                                        "field",
                                        "customer_id",
                                        "op",
                                        "in",
                                        "via",
                                        ordered("entity", "customers", "filters", nameIsAda(), "sql", "1=1")))),
                        "unknown key 'sql' in via"),
                new Malformed(
                        "relationship filter into an entity not in the view",
                        READ_ORDERS,
                        detail(
                                "filters",
                                List.of(via(
                                        "customer_id", "in", "users_auth", List.of(filter("username", "=", "admin"))))),
                        "via entity 'users_auth' is not in the list of entities"),
                new Malformed(
                        "relationship filter through a field that is no foreign key to it",
                        READ_CUSTOMERS,
                        detail("filters", List.of(via("id", "in", "orders", List.of(filter("status", "=", "paid"))))),
                        "'id' of customers does not point at orders"),
                new Malformed(
                        "relationship filter on an unknown field of the related entity",
                        READ_ORDERS,
                        detail(
                                "filters",
                                List.of(via("customer_id", "in", "customers", List.of(filter("shoe_size", "=", 42))))),
                        "customers has no field 'shoe_size'"),
                new Malformed(
                        "relationship filter in an update",
                        UPDATE_ORDERS,
                        detail(
                                "fields",
                                Map.of("status", "shipped"),
                                "filters",
                                List.of(via("customer_id", "in", "customers", nameIsAda()))),
                        "a relationship filter (via) is for reads only"),
                new Malformed(
                        "anyOf with another key",
                        READ_CUSTOMERS,
                        detail("filters", List.of(ordered("anyOf", List.of(filter("id", "=", 1)), "field", "id"))),
                        "has no other key"),
                new Malformed(
                        "empty anyOf",
                        READ_CUSTOMERS,
                        detail("filters", List.of(ordered("anyOf", List.of()))),
                        "non-empty JSON array"),
                new Malformed(
                        "anyOf not an array",
                        READ_CUSTOMERS,
                        detail("filters", List.of(ordered("anyOf", filter("id", "=", 1)))),
                        "non-empty JSON array"),
                new Malformed(
                        "condition not an object",
                        READ_CUSTOMERS,
                        detail("filters", List.of("id = 1")),
                        "each condition is an object"),
                new Malformed(
                        "not_in with a single value",
                        READ_CUSTOMERS,
                        detail("filters", List.of(filter("status", "not_in", "blocked"))),
                        "needs a JSON array of values"),
                new Malformed(
                        "ends_with on a number",
                        READ_CUSTOMERS,
                        detail("filters", List.of(filter("id", "ends_with", "7"))),
                        "works only on text fields"),
                new Malformed(
                        "unknown column inside not",
                        READ_CUSTOMERS,
                        detail("filters", List.of(ordered("not", filter("country", "=", "Germany")))),
                        "has no field 'country'"),
                new Malformed(
                        "select of an unknown column",
                        READ_CUSTOMERS,
                        detail("select", List.of("name", "password_hash")),
                        "has no field 'password_hash'"),
                new Malformed(
                        "select not a list", READ_CUSTOMERS, detail("select", "name"), "not the JSON object asked for"),
                new Malformed(
                        "negative offset", READ_CUSTOMERS, detail("offset", -20), "offset must be a whole number"),
                new Malformed(
                        "unknown aggregate function",
                        READ_ORDERS,
                        detail("aggregate", ordered("fn", "median", "field", "total", "groupBy", List.of())),
                        "fn must be one of count, sum, avg, min, max"),
                new Malformed(
                        "sum without a field",
                        READ_ORDERS,
                        detail("aggregate", ordered("fn", "sum", "field", null, "groupBy", List.of())),
                        "sum needs a field"),
                new Malformed(
                        "avg of text",
                        READ_ORDERS,
                        detail("aggregate", ordered("fn", "avg", "field", "status", "groupBy", List.of())),
                        "avg needs a number field"),
                new Malformed(
                        "three group columns",
                        READ_ORDERS,
                        detail(
                                "aggregate",
                                ordered(
                                        "fn",
                                        "count",
                                        "field",
                                        null,
                                        "groupBy",
                                        List.of("status", "customer_id", "created_at"))),
                        "groupBy takes at most two fields"),
                new Malformed(
                        "unknown key in the aggregate",
                        READ_ORDERS,
                        detail("aggregate", ordered("fn", "count", "field", null, "groupBy", List.of(), "having", 1)),
                        "unknown key 'having'"),
                new Malformed(
                        "aggregate ordered by a column it does not group by",
                        READ_ORDERS,
                        detail(
                                "aggregate",
                                ordered("fn", "count", "field", null, "groupBy", List.of("status")),
                                "orderBy",
                                List.of(ordered("field", "total", "dir", "desc"))),
                        "orderBy takes only status, count"),
                new Malformed(
                        "aggregate with select",
                        READ_ORDERS,
                        detail(
                                "select",
                                List.of("status"),
                                "aggregate",
                                ordered("fn", "count", "field", null, "groupBy", List.of("status"))),
                        "leave select []"),
                new Malformed(
                        "select in an update",
                        UPDATE_ORDERS,
                        detail(
                                "fields",
                                Map.of("status", "shipped"),
                                "filters",
                                List.of(filter("id", "=", 7)),
                                "select",
                                List.of("status")),
                        "select is only for reads"),
                new Malformed(
                        "aggregate in an update",
                        UPDATE_ORDERS,
                        detail(
                                "fields",
                                Map.of("status", "shipped"),
                                "filters",
                                List.of(filter("id", "=", 7)),
                                "aggregate",
                                ordered("fn", "count", "field", null, "groupBy", List.of())),
                        "aggregate is only for reads"),
                new Malformed(
                        "offset in an update",
                        UPDATE_ORDERS,
                        detail(
                                "fields",
                                Map.of("status", "shipped"),
                                "filters",
                                List.of(filter("id", "=", 7)),
                                "offset",
                                20),
                        "offset is only for reads"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedAnswerIsRetriedWithTheReasonThenRefused(Malformed malformed) {
        StubModelServer server = openAi(Responder.stages(malformed.stageA(), json(malformed.stageB())));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("show something", SHOP));

        assertThat(output).isEqualTo(PlannerOutput.unknown(output.trace()));
        assertThat(server.exchanges()).hasSize(4);
        assertThat(server.exchanges().subList(2, 4))
                .allSatisfy(retry -> assertThat(retry.lastMessage()).contains(malformed.reason()));
    }

    @Test
    void aMalformedTreeIsRepairedByTheNextAnswer() {
        String wrong = json(detail("filters", List.of(ordered("anyOf", List.of()))));
        String right = json(detail("filters", List.of(ordered("anyOf", List.of(filter("status", "=", "blocked"))))));
        StubModelServer server = openAi(Responder.sequence(answer(READ_CUSTOMERS), answer(wrong), answer(right)));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("blocked customers", SHOP));

        assertThat(output.filters()).containsExactly(AnyOf.of(Filter.eq("status", "blocked")));
        assertThat(output.trace().attempts()).isEqualTo(3);
        assertThat(server.exchanges().get(2).lastMessage()).contains("anyOf takes a non-empty JSON array");
    }

    @Test
    void theAnthropicStubTakesTheNewFormsToo() {
        StubModelServer server = StubModelServer.anthropic(Responder.stages(
                READ_ORDERS,
                json(detail(
                        "filters",
                        List.of(ordered("not", filter("status", "in", List.of("cancelled", "refunded")))),
                        "aggregate",
                        ordered("fn", "max", "field", "created_at", "groupBy", List.of("customer_id")),
                        "orderBy",
                        List.of(ordered("field", "max_created_at", "dir", "desc"))))));
        servers.add(server);
        Planner planner = LangChain4jPlanner.builder()
                .models(ModelSpec.parse("anthropic:stub-model").withBaseUrl(server.baseUrl()))
                .apiKey("sk-ant-test")
                .timeout(Duration.ofSeconds(5))
                .build();

        PlannerOutput output =
                planner.plan(PlannerRequest.standalone("latest order per customer, not cancelled or refunded", SHOP));

        assertThat(output.filters())
                .containsExactly(Not.of(Filter.of("status", Op.IN, List.of("cancelled", "refunded"))));
        assertThat(output.aggregate()).contains(Aggregate.of(Aggregate.Fn.MAX, "created_at", "customer_id"));
        assertThat(output.orderBy()).containsExactly(Sort.descending("max_created_at"));
    }

    @Test
    void theStageBPromptDescribesEveryForm() {
        StubModelServer server = openAi(Responder.stages(READ_CUSTOMERS, json(detail())));

        planner(server).plan(PlannerRequest.standalone("show customers", SHOP));

        String system = server.exchanges().get(1).allText();
        assertThat(system)
                .contains("\"anyOf\"", "\"not\"", "\"select\"", "\"orderBy\"", "\"dir\"", "\"offset\"")
                .contains("\"aggregate\"", "\"groupBy\"", "\"fn\"", "ends_with", "not_in", "at most 3 levels deep")
                .contains("\"via\"", "-> <entity>")
                .doesNotContain("order_by", "descending");
    }
}
