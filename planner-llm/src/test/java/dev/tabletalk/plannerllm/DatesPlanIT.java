package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.PlanLanguageIT.detail;
import static dev.tabletalk.plannerllm.PlanLanguageIT.filter;
import static dev.tabletalk.plannerllm.StubModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerllm.StubModelServer.Responder;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dates through the LLM planner (#13), on the stub server: the stage B prompt states the request's day (the
 * engine's injected clock) and the date rules, and the concrete days a model answers with for "orders in March
 * 2024" and "orders of the last 7 days" become the plan's conditions, a date alone kept as a day.
 */
class DatesPlanIT {

    private static final LocalDate TODAY = LocalDate.of(2025, 1, 3);

    private final List<StubModelServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(StubModelServer::close);
    }

    private StubModelServer server(String stageB) {
        StubModelServer server = StubModelServer.openAi(Responder.stages(PlanLanguageIT.READ_ORDERS, stageB));
        servers.add(server);
        return server;
    }

    private static PlannerOutput plan(StubModelServer server, String message) {
        return LangChain4jPlanner.builder()
                .models(ModelSpec.parse("openai:stub-model").withBaseUrl(server.baseUrl()))
                .apiKey("sk-test-key")
                .timeout(Duration.ofSeconds(5))
                .build()
                .plan(PlannerRequest.standalone(message, PlanLanguageIT.SHOP, TODAY));
    }

    @Test
    void aMonthIsARangeOfConcreteDaysInclusiveOfTheLast() {
        StubModelServer server = server(json(
                detail("filters", List.of(filter("created_at", "between", List.of("2024-03-01", "2024-03-31"))))));

        PlannerOutput output = plan(server, "orders in March 2024");

        assertThat(output.intent()).isEqualTo(Intent.READ);
        assertThat(output.filters())
                .containsExactly(Filter.of("created_at", Op.BETWEEN, List.of("2024-03-01", "2024-03-31")));
        String system = server.exchanges().get(1).allText();
        assertThat(system)
                .contains("today 2025-01-03")
                .contains("\"YYYY-MM-DD\" (a whole day")
                .contains("between [\"2024-03-01\",\"2024-03-31\"], inclusive");
    }

    @Test
    void theLastSevenDaysEndTodayAsTheRequestGivesIt() {
        StubModelServer server = server(json(
                detail("filters", List.of(filter("created_at", "between", List.of("2024-12-28", "2025-01-03"))))));

        PlannerOutput output = plan(server, "orders of the last 7 days");

        assertThat(output.filters())
                .containsExactly(Filter.of("created_at", Op.BETWEEN, List.of("2024-12-28", "2025-01-03")));
        assertThat(server.exchanges().get(1).allText()).contains("today 2025-01-03");
    }
}
