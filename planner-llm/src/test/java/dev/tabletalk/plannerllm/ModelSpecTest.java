package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.out.Planner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void parsesProviderAndModel() {
        assertThat(ModelSpec.parse("openai:gpt-4.1-mini"))
                .isEqualTo(
                        new ModelSpec(ModelSpec.Provider.OPENAI, "gpt-4.1-mini", Optional.empty(), Optional.empty()));
        assertThat(ModelSpec.parse("Anthropic: claude-sonnet-4-5").provider()).isEqualTo(ModelSpec.Provider.ANTHROPIC);
        assertThat(ModelSpec.parse("ollama:qwen2.5:7b").model()).isEqualTo("qwen2.5:7b");
    }

    @Test
    void ollamaDefaultsToItsLocalOpenAiCompatibleEndpoint() {
        assertThat(ModelSpec.parse("ollama:qwen2.5").effectiveBaseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(ModelSpec.parse("ollama:qwen2.5")
                        .withBaseUrl("http://gpu:11434/v1")
                        .effectiveBaseUrl())
                .isEqualTo("http://gpu:11434/v1");
    }

    @Test
    void refusesSpecsThatAreNotProviderColonModel() {
        assertThatThrownBy(() -> ModelSpec.parse("gpt-4.1-mini"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("provider:model");
        assertThatThrownBy(() -> ModelSpec.parse("openai:")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ModelSpec.parse("gemini:pro"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("openai, ollama or anthropic");
    }

    @Test
    void neverShowsTheKey() {
        ModelSpec spec = ModelSpec.parse("openai:gpt-4.1-mini").withApiKey("sk-very-secret");
        PlannerConfig config = new PlannerConfig(List.of(spec), Duration.ofSeconds(5), 2, 2_500, 30, false);

        assertThat(spec.toString()).doesNotContain("sk-very-secret").contains("key given");
        assertThat(config.toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void keysComeFromTheBuilderOrTheProvidersEnvironmentVariable() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "from-env");
        Planner fromEnv = LangChain4jPlanner.builder()
                .models("openai:gpt-4.1-mini")
                .environment(env::get)
                .build();

        assertThat(fromEnv.name()).isEqualTo("llm");
        assertThatThrownBy(() -> LangChain4jPlanner.builder()
                        .models("anthropic:claude-sonnet-4-5")
                        .environment(env::get)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void localAndCustomEndpointsNeedNoKey() {
        Map<String, String> none = Map.of();

        assertThat(LangChain4jPlanner.builder()
                        .models("ollama:qwen2.5")
                        .environment(none::get)
                        .build())
                .isNotNull();
        assertThat(LangChain4jPlanner.builder()
                        .models("openai:llama-3.1-8b")
                        .baseUrl("http://vllm:8000/v1")
                        .environment(none::get)
                        .build())
                .isNotNull();
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThatThrownBy(() -> LangChain4jPlanner.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least one model");
        assertThatThrownBy(() -> LangChain4jPlanner.builder()
                        .models("ollama:x")
                        .maxRetries(3)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at most twice");
        assertThatThrownBy(() -> LangChain4jPlanner.builder()
                        .models("ollama:x")
                        .tokenBudget(100)
                        .build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> LangChain4jPlanner.builder()
                        .models("ollama:x")
                        .timeout(Duration.ZERO)
                        .build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theBuilderExposesItsConfig() {
        PlannerConfig config = LangChain4jPlanner.builder()
                .models("ollama:qwen2.5", "openai:gpt-4.1-mini")
                .timeout(Duration.ofSeconds(7))
                .maxRetries(1)
                .tokenBudget(3_000)
                .config();

        assertThat(config.models())
                .extracting(ModelSpec::label)
                .containsExactly("ollama:qwen2.5", "openai:gpt-4.1-mini");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.maxRetries()).isEqualTo(1);
        assertThat(config.tokenBudget()).isEqualTo(3_000);
    }
}
