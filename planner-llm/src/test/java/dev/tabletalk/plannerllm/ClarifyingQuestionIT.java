package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.LangChain4jPlannerIT.ordered;
import static dev.tabletalk.plannerllm.PlanLanguageIT.READ_CUSTOMERS;
import static dev.tabletalk.plannerllm.PlanLanguageIT.READ_ORDERS;
import static dev.tabletalk.plannerllm.PlanLanguageIT.detail;
import static dev.tabletalk.plannerllm.PlanLanguageIT.filter;
import static dev.tabletalk.plannerllm.StubModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerllm.StubModelServer.Responder;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * #13 through the stub servers: the model may answer stage B with a clarifying question whose choices each carry a
 * plan (checked one by one: a wrong one is dropped, none left is a refusal), and a read of an entity with a
 * soft-delete marker may say {@code "deleted": "included" | "only"}.
 */
class ClarifyingQuestionIT {

    private static final SchemaView SHOP = SchemaView.of(Catalogs.shop());
    private static final SchemaView MARKED = SchemaView.of(withMarkedCustomers());

    private final List<StubModelServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(StubModelServer::close);
    }

    private StubModelServer server(String stageA, Map<String, Object> stageB) {
        StubModelServer server = StubModelServer.openAi(Responder.stages(stageA, json(stageB)));
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

    private static Map<String, Object> question(String text, Object... labelsAndPlans) {
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < labelsAndPlans.length; i += 2) {
            choices.add(ordered("label", labelsAndPlans[i], "plan", labelsAndPlans[i + 1]));
        }
        return ordered("question", ordered("text", text, "choices", choices));
    }

    @Test
    void aQuestionAnswerBecomesAQuestionWhoseChoicesCarryTheirCheckedPlans() {
        StubModelServer server = server(
                READ_CUSTOMERS,
                question(
                        "'Paris': the whole name or part of it?",
                        "name",
                        detail("filters", List.of(filter("name", "=", "Paris"))),
                        "name contains",
                        detail(
                                "filters",
                                List.of(filter("name", "contains", "Paris")),
                                "orderBy",
                                List.of(ordered("field", "name", "dir", "asc")))));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("customers Paris", SHOP));

        assertThat(output.refusal()).isEmpty();
        assertThat(output.intent()).isEqualTo(Intent.UNKNOWN);
        Question asked = output.question().orElseThrow();
        assertThat(asked.text()).isEqualTo("'Paris': the whole name or part of it?");
        assertThat(asked.choices()).extracting(Question.Choice::label).containsExactly("name", "name contains");
        assertThat(asked.choices().get(0).plan())
                .isEqualTo(ReadPlan.of("customers", List.of(Filter.eq("name", "Paris"))));
        assertThat(asked.choices().get(1).plan())
                .isEqualTo(new ReadPlan(
                        "customers",
                        List.of(),
                        List.of(Filter.of("name", Op.CONTAINS, "Paris")),
                        List.of(new Sort("name", false)),
                        OptionalInt.empty()));
        assertThat(asked.choices().get(0).value()).isEqualTo("name = Paris");
        assertThat(server.exchanges()).as("accepted at once").hasSize(2);
        // the prompt offers the form
        assertThat(server.exchanges().get(1).system()).contains("\"question\"", "2 to 6 plans");
    }

    @Test
    void aChoiceWithAnInvalidPlanIsDroppedAndTheRestAreAsked() {
        StubModelServer server = server(
                READ_CUSTOMERS,
                question(
                        "'Paris': name, password or status?",
                        "name",
                        detail("filters", List.of(filter("name", "=", "Paris"))),
                        "password",
                        detail("filters", List.of(filter("password_hash", "=", "Paris"))),
                        "status",
                        detail("filters", List.of(filter("status", "=", "Paris")))));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("customers Paris", SHOP));

        // no such column, and "Paris" is no status: both dropped, never retried
        assertThat(output.question().orElseThrow().choices())
                .extracting(Question.Choice::label)
                .containsExactly("name");
        assertThat(server.exchanges()).hasSize(2);
    }

    @Test
    void aQuestionWithNoValidChoiceIsRefused() {
        StubModelServer server = server(
                READ_ORDERS,
                question(
                        "Which one?",
                        "a",
                        detail("filters", List.of(filter("nonexistent", "=", 1))),
                        "b",
                        detail("limit", -5)));

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("orders thing", SHOP));

        assertThat(output.question()).isEmpty();
        assertThat(output.refusal().orElseThrow().code()).isEqualTo(RefusalCode.NOT_UNDERSTOOD);
        assertThat(output.refusal().orElseThrow().message()).isEqualTo(AskedQuestions.NO_CHOICE);
    }

    @Test
    void aQuestionBesideAPlanIsRetriedWithTheReason() {
        Map<String, Object> both = question(
                "'Paris': name or email?",
                "name",
                detail("filters", List.of(filter("name", "=", "Paris"))),
                "email",
                detail("filters", List.of(filter("email", "=", "Paris"))));
        both.put("filters", List.of(filter("name", "=", "Paris")));
        StubModelServer server = server(READ_CUSTOMERS, both);

        PlannerOutput output = planner(server).plan(PlannerRequest.standalone("customers Paris", SHOP));

        assertThat(output).isEqualTo(PlannerOutput.unknown(output.trace()));
        assertThat(server.exchanges().get(2).lastMessage()).contains("with a question, give only");
    }

    @Test
    void showDeletedCustomersReadsTheDeletedOnes() {
        StubModelServer server =
                server(READ_CUSTOMERS, detail("deleted", "only", "filters", List.of(filter("status", "=", "active"))));

        PlannerOutput output =
                planner(server).plan(PlannerRequest.standalone("show deleted customers that are active", MARKED));

        assertThat(output.refusal()).isEmpty();
        assertThat(output.deleted()).isEqualTo(DeletedRows.ONLY);
        assertThat(output.filters()).containsExactly(Filter.eq("status", "active"));
        // only an entity with a marker spends prompt tokens on it
        assertThat(server.exchanges().get(1).system()).contains("\"deleted\": \"included\"");
    }

    @Test
    void aReadWithoutDeletedCountsLiveRowsAndAnEntityWithoutAMarkerHasNone() {
        PlannerOutput live =
                planner(server(READ_CUSTOMERS, detail())).plan(PlannerRequest.standalone("show customers", MARKED));
        assertThat(live.deleted()).isEqualTo(DeletedRows.EXCLUDED);

        StubModelServer unmarked = server(READ_ORDERS, detail("deleted", "included"));
        PlannerOutput output = planner(unmarked).plan(PlannerRequest.standalone("orders including deleted", SHOP));

        assertThat(output).isEqualTo(PlannerOutput.unknown(output.trace()));
        assertThat(unmarked.exchanges().get(2).lastMessage()).contains("orders keeps no deleted rows");
        assertThat(unmarked.exchanges().get(1).system()).doesNotContain("\"deleted\"");
    }

    private static EntityCatalog withMarkedCustomers() {
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : Catalogs.shop().entities()) {
            if (entity.name().equals("customers")) {
                List<Column> columns = new ArrayList<>(entity.columns());
                columns.add(Column.builder("deleted_at", ValueType.TIMESTAMP).build());
                entity = entity.withColumns(columns)
                        .withSoftDelete(Optional.of(new SoftDelete("deleted_at", SoftDelete.Kind.TIMESTAMP, "test")));
            }
            entities.add(entity);
        }
        return EntityCatalog.of(entities);
    }
}
