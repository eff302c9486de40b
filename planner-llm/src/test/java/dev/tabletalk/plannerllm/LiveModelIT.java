package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real model, only when {@code TABLETALK_LLM_IT_MODEL} names one (e.g. {@code openai:gpt-4.1-mini} with
 * {@code OPENAI_API_KEY} set, or {@code ollama:qwen2.5} with Ollama running; {@code TABLETALK_LLM_IT_BASE_URL}
 * optionally points elsewhere). Off in CI: it needs a key or a local model server.
 */
@EnabledIfEnvironmentVariable(
        named = "TABLETALK_LLM_IT_MODEL",
        matches = ".+",
        disabledReason = "needs a real model: set TABLETALK_LLM_IT_MODEL (and its key)")
class LiveModelIT {

    static final SchemaView SHOP = SchemaView.of(Catalogs.shop());

    private static Planner planner() {
        LangChain4jPlanner.Builder builder = LangChain4jPlanner.builder()
                .models(System.getenv("TABLETALK_LLM_IT_MODEL"))
                .timeout(Duration.ofSeconds(60));
        String baseUrl = System.getenv("TABLETALK_LLM_IT_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        return builder.build();
    }

    @Test
    void readsCreatesUpdatesAndRefusesDeletes() {
        Planner planner = planner();

        PlannerOutput read = planner.plan(PlannerRequest.standalone("show the blocked customers", SHOP));
        assertThat(read.intent()).isEqualTo(Intent.READ);
        assertThat(read.entity()).contains("customers");

        PlannerOutput create = planner.plan(PlannerRequest.standalone("add a customer named Ada Lovelace", SHOP));
        assertThat(create.intent()).isEqualTo(Intent.CREATE);
        assertThat(create.fields()).containsEntry("name", "Ada Lovelace");

        PlannerOutput update = planner.plan(PlannerRequest.standalone("set the status of order 1042 to shipped", SHOP));
        assertThat(update.intent()).isEqualTo(Intent.UPDATE);
        assertThat(update.entity()).contains("orders");

        PlannerOutput delete = planner.plan(PlannerRequest.standalone("delete customer 5", SHOP));
        assertThat(delete.refusal())
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.DELETE_NOT_ALLOWED));
        assertThat(read.trace().promptTokens()).isPresent();
    }
}
