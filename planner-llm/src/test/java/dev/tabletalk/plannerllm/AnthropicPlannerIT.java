package dev.tabletalk.plannerllm;

import static dev.tabletalk.plannerllm.LangChain4jPlannerIT.BLOCKED_NEWEST_TEN;
import static dev.tabletalk.plannerllm.LangChain4jPlannerIT.READ_CUSTOMERS;
import static dev.tabletalk.plannerllm.LangChain4jPlannerIT.SHOP;
import static dev.tabletalk.plannerllm.StubModelServer.answer;
import static dev.tabletalk.plannerllm.StubModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerllm.StubModelServer.Delayed;
import dev.tabletalk.plannerllm.StubModelServer.Exchange;
import dev.tabletalk.plannerllm.StubModelServer.Responder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The planner against an Anthropic-compatible stub server on 127.0.0.1. */
class AnthropicPlannerIT {

    private final List<StubModelServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(StubModelServer::close);
    }

    private StubModelServer start(StubModelServer.Flavor flavor, Responder responder) {
        StubModelServer server = StubModelServer.start(flavor, responder);
        servers.add(server);
        return server;
    }

    @Test
    void aValidAnswerFromAnAnthropicModelBecomesARead() {
        StubModelServer server =
                start(StubModelServer.Flavor.ANTHROPIC, Responder.stages(READ_CUSTOMERS, BLOCKED_NEWEST_TEN));
        Planner planner = LangChain4jPlanner.builder()
                .models(ModelSpec.parse("anthropic:claude-stub").withBaseUrl(server.baseUrl()))
                .apiKey("sk-ant-test")
                .build();

        PlannerOutput output = planner.plan(PlannerRequest.standalone("show the 10 newest blocked customers", SHOP));

        assertThat(output.intent()).isEqualTo(Intent.READ);
        assertThat(output.entity()).contains("customers");
        assertThat(output.filters()).containsExactly(Filter.eq("status", "blocked"));
        assertThat(output.trace().model()).isEqualTo("anthropic:claude-stub");
        assertThat(output.trace().promptTokens()).isEqualTo(OptionalLong.of(2L * StubModelServer.PROMPT_TOKENS));
        assertThat(output.trace().completionTokens())
                .isEqualTo(OptionalLong.of(2L * StubModelServer.COMPLETION_TOKENS));
        assertThat(server.exchanges()).hasSize(2).allSatisfy(exchange -> {
            assertThat(exchange.path()).isEqualTo("/v1/messages");
            assertThat(exchange.header("x-api-key")).isEqualTo("sk-ant-test");
            assertThat(exchange.json().path("model").asText()).isEqualTo("claude-stub");
            assertThat(exchange.system()).contains("Answer with exactly one JSON object");
            assertThat(exchange.firstUserMessage()).startsWith("<user_message>");
        });
    }

    @Test
    void aBaseUrlWithoutTheTrailingSlashStillReachesTheMessagesPath() {
        StubModelServer server =
                start(StubModelServer.Flavor.ANTHROPIC, Responder.stages(READ_CUSTOMERS, BLOCKED_NEWEST_TEN));
        String noSlash = server.baseUrl().substring(0, server.baseUrl().length() - 1);
        Planner planner = LangChain4jPlanner.builder()
                .models("anthropic:claude-stub")
                .baseUrl(noSlash)
                .apiKey("k")
                .build();

        assertThat(planner.plan(PlannerRequest.standalone("show blocked customers", SHOP))
                        .intent())
                .isEqualTo(Intent.READ);
        assertThat(server.exchanges()).allSatisfy(e -> assertThat(e.path()).isEqualTo("/v1/messages"));
    }

    @Test
    void anInvalidAnswerIsRetriedWithTheErrorThroughTheMessagesApi() {
        StubModelServer server = start(
                StubModelServer.Flavor.ANTHROPIC,
                Responder.sequence(
                        answer(json(Map.of("intent", "read", "entity", "clients"))),
                        answer(READ_CUSTOMERS),
                        answer(BLOCKED_NEWEST_TEN)));
        Planner planner = LangChain4jPlanner.builder()
                .models(ModelSpec.parse("anthropic:claude-stub")
                        .withBaseUrl(server.baseUrl())
                        .withApiKey("k"))
                .build();

        PlannerOutput output = planner.plan(PlannerRequest.standalone("show blocked clients", SHOP));

        assertThat(output.entity()).contains("customers");
        Exchange retry = server.exchanges().get(1);
        assertThat(retry.lastMessage()).contains("entity 'clients' is not in the list");
        assertThat(retry.json().path("messages")).hasSize(3);
        assertThat(output.trace().attempts()).isEqualTo(3);
    }

    @Test
    void aTimedOutOpenAiModelFallsBackToAnAnthropicModel() {
        StubModelServer slow = start(
                StubModelServer.Flavor.OPENAI,
                (exchange, index) -> new Delayed(Duration.ofSeconds(3), answer(READ_CUSTOMERS)));
        StubModelServer claude =
                start(StubModelServer.Flavor.ANTHROPIC, Responder.stages(READ_CUSTOMERS, BLOCKED_NEWEST_TEN));
        Planner planner = LangChain4jPlanner.builder()
                .models(
                        ModelSpec.parse("openai:gpt-stub")
                                .withBaseUrl(slow.baseUrl())
                                .withApiKey("a"),
                        ModelSpec.parse("anthropic:claude-stub")
                                .withBaseUrl(claude.baseUrl())
                                .withApiKey("b"))
                .timeout(Duration.ofMillis(400))
                .build();

        PlannerOutput output = planner.plan(PlannerRequest.standalone("show blocked customers", SHOP));

        assertThat(output.intent()).isEqualTo(Intent.READ);
        assertThat(output.trace().model()).isEqualTo("anthropic:claude-stub");
        assertThat(claude.exchanges()).hasSize(2);
    }

    @Test
    void anAnthropicServerErrorFallsBackToTheNextModel() {
        StubModelServer overloaded = start(StubModelServer.Flavor.ANTHROPIC, Responder.status(529));
        StubModelServer openAi =
                start(StubModelServer.Flavor.OPENAI, Responder.stages(READ_CUSTOMERS, BLOCKED_NEWEST_TEN));
        Planner planner = LangChain4jPlanner.builder()
                .models(
                        ModelSpec.parse("anthropic:claude-stub")
                                .withBaseUrl(overloaded.baseUrl())
                                .withApiKey("a"),
                        ModelSpec.parse("openai:gpt-stub")
                                .withBaseUrl(openAi.baseUrl())
                                .withApiKey("b"))
                .build();

        PlannerOutput output = planner.plan(PlannerRequest.standalone("show blocked customers", SHOP));

        assertThat(output.trace().model()).isEqualTo("openai:gpt-stub");
        assertThat(overloaded.exchanges()).hasSize(1);
    }
}
