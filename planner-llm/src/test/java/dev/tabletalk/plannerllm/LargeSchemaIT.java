package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.StubModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModelName;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerllm.StubModelServer.Answer;
import dev.tabletalk.plannerllm.StubModelServer.Exchange;
import dev.tabletalk.plannerllm.StubModelServer.Responder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 2,000-table schema: each stage's prompt stays under the 2,500-token budget and the right table is listed. */
class LargeSchemaIT {

    private final Shortlist shortlist = new Shortlist();

    static final int BUDGET = 2_500;
    static SchemaView schema;
    static OpenAiTokenCountEstimator tokenizer;

    @BeforeAll
    static void buildSchema() {
        schema = SchemaView.of(TestSchemas.large(2_000));
        assertThat(schema.entities()).hasSize(1_950);
        tokenizer = new OpenAiTokenCountEstimator(OpenAiChatModelName.GPT_4_O);
    }

    @Test
    void everyPromptOfBothStagesAndOfEveryRetryStaysUnderTheBudget() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("show the overdue invoices of the finance department", "finance_invoice");
        expected.put("add a crm lead named Ada Lovelace with high priority", "crm_lead");
        expected.put("change the status of shipping shipment 77 to closed", "shipping_shipment");
        expected.put("list the payroll payment history for region north", "payroll_payment_history");
        expected.put("which fleet vehicles are due before 2025-01-01?", "fleet_vehicle");
        // stage A: the first listed entity; stage B: a column that does not exist, so every retry is sent too
        Responder model = (exchange, index) -> exchange.isStageA()
                ? new Answer(json(Map.of(
                        "intent",
                        "read",
                        "entity",
                        KeywordModel.listedEntities(exchange.system()).get(0))))
                : new Answer(json(Map.of(
                        "fields",
                        Map.of(),
                        "filters",
                        List.of(Map.of("field", "no_such_column", "op", "=", "value", 1)))));
        try (StubModelServer server = StubModelServer.openAi(model)) {
            Planner planner = LangChain4jPlanner.builder()
                    .models(ModelSpec.parse("openai:budget-stub").withBaseUrl(server.baseUrl()))
                    .apiKey("k")
                    .tokenBudget(BUDGET)
                    .build();
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                int before = server.exchanges().size();
                long start = System.nanoTime();
                PlannerOutput output = planner.plan(PlannerRequest.standalone(entry.getKey(), schema));
                long millis = (System.nanoTime() - start) / 1_000_000;
                List<Exchange> sent =
                        server.exchanges().subList(before, server.exchanges().size());

                Exchange stageA = sent.get(0);
                List<String> listed = KeywordModel.listedEntities(stageA.system());
                assertThat(listed)
                        .as("shortlist for '%s' (%d ms)", entry.getKey(), millis)
                        .contains(entry.getValue())
                        .hasSizeLessThanOrEqualTo(PlannerConfig.DEFAULT_MAX_CANDIDATES);
                assertThat(listed.get(0))
                        .as("best candidate for '%s'", entry.getKey())
                        .isEqualTo(entry.getValue());
                assertThat(sent).as("stage A once, stage B with two retries").hasSize(4);
                for (Exchange exchange : sent) {
                    String text = exchange.allText();
                    assertThat(tokenizer.estimateTokenCountInText(text))
                            .as("o200k tokens of a prompt for '%s'", entry.getKey())
                            .isLessThanOrEqualTo(BUDGET);
                    assertThat(text.length() / 4).as("chars/4 of a prompt").isLessThanOrEqualTo(BUDGET);
                    assertThat(exchange.body().length() / 4)
                            .as("chars/4 of the request body")
                            .isLessThanOrEqualTo(BUDGET);
                }
                assertThat(output.entity()).isEmpty();
            }
        }
    }

    /**
     * The engine sends the same schema turn after turn: its 2,000 entities are profiled once, and every
     * later message only ranks them (docs/performance.md has the time; no test asserts one, #12).
     */
    @Test
    void shortlistingTwoThousandTablesProfilesTheSchemaOnce() {
        Shortlist fresh = new Shortlist();
        String message = "show the overdue invoices of the finance department";
        for (int i = 0; i < 13; i++) {
            assertThat(fresh.select(schema, message, Optional.empty(), 1_800, 30))
                    .hasSizeLessThanOrEqualTo(30)
                    .extracting(EntityView::name)
                    .contains("finance_invoice");
        }
        assertThat(fresh.schemasProfiled())
                .as("profiles built for 13 messages on one schema")
                .isEqualTo(1);

        fresh.select(SchemaView.of(TestSchemas.large(2_000)), message, Optional.empty(), 1_800, 30);

        assertThat(fresh.schemasProfiled())
                .as("another schema is profiled on its own")
                .isEqualTo(2);
    }

    @Test
    void theShortlistRanksNamesAboveCommentsAndColumns() {
        List<Shortlist.Scored> ranked = shortlist.rank(schema.entities(), "open support tickets");
        assertThat(ranked.get(0).entity().name()).isEqualTo("support_ticket");
        assertThat(ranked.subList(0, 10))
                .allSatisfy(s -> assertThat(s.entity().name()).contains("ticket"));
    }
}
