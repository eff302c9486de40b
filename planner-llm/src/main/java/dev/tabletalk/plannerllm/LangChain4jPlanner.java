package dev.tabletalk.plannerllm;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Planner} backed by chat models through langchain4j: OpenAI, any OpenAI-compatible endpoint
 * (Ollama, vLLM, llama.cpp server, LM Studio, gateways) and Anthropic.
 *
 * <p>Each message is planned in two stages. Stage A asks for the intent and the entity, listing only
 * entities that fit the token budget (the whole schema when it is small, a lexical shortlist when it is
 * large). Stage B asks for fields, filters, ordering and limit, listing only that entity's columns. Each
 * answer is parsed strictly (unknown keys are refused), validated with Hibernate Validator and checked
 * against the schema view; on a mismatch the model is told what was wrong and asked again, at most
 * {@link PlannerConfig#maxRetries()} times. A model that times out, answers HTTP 429 or 5xx, or stays
 * invalid hands over to the next model of the chain. When every model stayed invalid the answer is
 * {@link PlannerOutput#unknown} (nothing executes); when every model failed to answer at all,
 * {@link DependencyUnavailableException} is thrown. A delete-like request is refused with
 * {@code DELETE_NOT_ALLOWED}.
 *
 * <p>The model sees the schema view and the message only, never row data (invariant 8). Tokens used over
 * all attempts are returned in {@link PlannerTrace}. Thread-safe: one instance serves every session.
 *
 * <pre>{@code
 * Planner planner = LangChain4jPlanner.builder()
 *         .models("openai:gpt-4.1-mini", "anthropic:claude-sonnet-4-5")
 *         .timeout(Duration.ofSeconds(20))
 *         .build();
 * }</pre>
 */
public final class LangChain4jPlanner implements Planner {

    private static final Logger LOG = LoggerFactory.getLogger(LangChain4jPlanner.class);
    /** The planner's name in {@link PlannerTrace}, and the model named there before any model was asked. */
    static final String NAME = "llm";

    private final PlannerConfig config;
    private final List<ModelClient> clients;
    /** Both stages with one model; owns this planner's shortlist. */
    private final TwoStagePlanning stages;

    private LangChain4jPlanner(PlannerConfig config, List<ModelClient> clients) {
        this.config = config;
        this.clients = List.copyOf(clients);
        this.stages = new TwoStagePlanning(config);
    }

    /** A builder with the defaults of {@link PlannerConfig}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A planner with these settings. Models without a key get it from the provider's environment variable
     * ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}).
     *
     * @throws ConfigurationException when a model that needs a key has none
     */
    public static Planner create(PlannerConfig config) {
        Objects.requireNonNull(config, "config");
        return build(config, Optional.empty(), Optional.empty(), System::getenv);
    }

    private static Planner build(
            PlannerConfig config,
            Optional<String> baseUrl,
            Optional<String> apiKey,
            Function<String, String> environment) {
        List<ModelSpec> resolved = new ArrayList<>();
        for (ModelSpec spec : config.models()) {
            resolved.add(resolve(spec, baseUrl, apiKey, environment));
        }
        PlannerConfig effective = new PlannerConfig(
                resolved,
                config.timeout(),
                config.maxRetries(),
                config.tokenBudget(),
                config.maxCandidates(),
                config.strictJsonSchema());
        Answers.warmUp();
        List<ModelClient> clients = resolved.stream()
                .map(spec -> ModelClient.create(spec, effective.timeout(), effective.strictJsonSchema()))
                .toList();
        return new LangChain4jPlanner(effective, clients);
    }

    private static ModelSpec resolve(
            ModelSpec spec, Optional<String> baseUrl, Optional<String> apiKey, Function<String, String> environment) {
        ModelSpec result = spec;
        if (result.baseUrl().isEmpty() && baseUrl.isPresent()) {
            result = result.withBaseUrl(baseUrl.get());
        }
        if (result.apiKey().isEmpty()) {
            Optional<String> key = apiKey.or(() -> Optional.ofNullable(
                            environment.apply(spec.provider().keyVariable())))
                    .filter(k -> !k.isBlank());
            if (key.isPresent()) {
                result = result.withApiKey(key.get());
            }
        }
        boolean hosted =
                spec.provider() != ModelSpec.Provider.OLLAMA && result.baseUrl().isEmpty();
        if (hosted && result.apiKey().isEmpty()) {
            throw new ConfigurationException("The planner model " + spec.label() + " needs an API key: set "
                    + spec.provider().keyVariable() + " or give one with apiKey(...).");
        }
        return result;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PlannerOutput plan(PlannerRequest request) {
        Objects.requireNonNull(request, "request");
        PlanRun run = new PlanRun();
        List<String> failures = new ArrayList<>();
        Throwable lastFailure = null;
        boolean answered = false;
        for (ModelClient client : clients) {
            run.use(client);
            try {
                Optional<PlannerOutput> output = stages.plan(client, request, run);
                if (output.isPresent()) {
                    return output.get();
                }
                answered = true;
                LOG.info("planner model {} gave no valid answer after {} retries", client.label(), config.maxRetries());
            } catch (ModelClient.Unavailable e) {
                failures.add(e.getMessage());
                lastFailure = e.getCause();
                LOG.warn("planner model failed, trying the next one: {}", e.getMessage());
            }
        }
        if (!answered) {
            throw DependencyUnavailableException.planner(
                    "no planner model answered: " + String.join("; ", failures), lastFailure);
        }
        return PlannerOutput.unknown(run.trace());
    }

    /**
     * Builds a {@link LangChain4jPlanner}. Only the models are required.
     *
     * <p>{@link #baseUrl} and {@link #apiKey} apply to every model that has none of its own; for a chain
     * over several providers or endpoints, give each {@link ModelSpec} its own. A model without a key
     * takes it from its provider's environment variable.
     */
    public static final class Builder {

        private final List<ModelSpec> models = new ArrayList<>();
        private Optional<String> baseUrl = Optional.empty();
        private Optional<String> apiKey = Optional.empty();
        private Duration timeout = PlannerConfig.DEFAULT_TIMEOUT;
        private int maxRetries = PlannerConfig.DEFAULT_MAX_RETRIES;
        private int tokenBudget = PlannerConfig.DEFAULT_TOKEN_BUDGET;
        private int maxCandidates = PlannerConfig.DEFAULT_MAX_CANDIDATES;
        private boolean strictJsonSchema;
        private Function<String, String> environment = System::getenv;

        private Builder() {}

        /** The fallback chain as {@code provider:model} specs, tried in order; replaces earlier models. */
        public Builder models(List<String> specs) {
            models.clear();
            specs.forEach(spec -> models.add(ModelSpec.parse(spec)));
            return this;
        }

        /** The fallback chain as {@code provider:model} specs, tried in order; replaces earlier models. */
        public Builder models(String... specs) {
            return models(Arrays.asList(specs));
        }

        /** The fallback chain, tried in order; replaces earlier models. */
        public Builder models(ModelSpec... specs) {
            return modelSpecs(Arrays.asList(specs));
        }

        /** The fallback chain, tried in order; replaces earlier models. */
        public Builder modelSpecs(List<ModelSpec> specs) {
            models.clear();
            specs.forEach(spec -> models.add(Objects.requireNonNull(spec, "spec")));
            return this;
        }

        /** The endpoint for models without their own, e.g. {@code http://gpu-box:8000/v1} for vLLM. */
        public Builder baseUrl(String value) {
            this.baseUrl = Optional.of(Objects.requireNonNull(value, "baseUrl"));
            return this;
        }

        /** The key for models without their own; otherwise it comes from the environment. */
        public Builder apiKey(String value) {
            this.apiKey = Optional.of(Objects.requireNonNull(value, "apiKey"));
            return this;
        }

        /** How long one model call may take before the next model is tried. */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** Retries after an invalid answer, 0 to 2 (default 2). */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** The most prompt tokens per stage (default 2,500). */
        public Builder tokenBudget(int value) {
            this.tokenBudget = value;
            return this;
        }

        /** The most entities listed in stage A when the schema does not fit whole (default 30). */
        public Builder maxCandidates(int value) {
            this.maxCandidates = value;
            return this;
        }

        /** Whether OpenAI models get a strict JSON schema with the allowed entity names (default off). */
        public Builder strictJsonSchema(boolean value) {
            this.strictJsonSchema = value;
            return this;
        }

        /** Where keys are looked up (tests); the process environment by default. */
        Builder environment(Function<String, String> value) {
            this.environment = Objects.requireNonNull(value, "environment");
            return this;
        }

        /** The settings this builder holds, before keys are resolved. */
        public PlannerConfig config() {
            return new PlannerConfig(models, timeout, maxRetries, tokenBudget, maxCandidates, strictJsonSchema);
        }

        /**
         * The planner.
         *
         * @throws ConfigurationException when a setting is out of range or a model that needs a key has none
         */
        public Planner build() {
            return LangChain4jPlanner.build(config(), baseUrl, apiKey, environment);
        }
    }
}
