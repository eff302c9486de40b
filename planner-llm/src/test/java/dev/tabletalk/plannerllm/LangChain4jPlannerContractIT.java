package dev.tabletalk.plannerllm;

import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.testkit.contract.PlannerContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared planner contract, with the planner talking to a keyword-driven stub model over HTTP. */
class LangChain4jPlannerContractIT extends PlannerContract {

    private static StubModelServer server;

    @BeforeAll
    static void startModel() {
        server = StubModelServer.openAi(new KeywordModel());
    }

    @AfterAll
    static void stopModel() {
        server.close();
    }

    @Override
    protected Planner planner() {
        return LangChain4jPlanner.builder()
                .models(ModelSpec.parse("openai:keyword-stub").withBaseUrl(server.baseUrl()))
                .apiKey("k")
                .timeout(Duration.ofSeconds(5))
                .build();
    }
}
