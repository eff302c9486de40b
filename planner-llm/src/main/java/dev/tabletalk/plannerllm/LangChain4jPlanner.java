package dev.tabletalk.plannerllm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
    private static final String NAME = "llm";
    /** Room kept in each stage's budget for the rejected answer and the errors a retry adds. */
    private static final int RETRY_RESERVE = 550;
    private static final String DELETE_REFUSAL = "Deleting is not possible here: TableTalk can show, add and change "
            + "rows, never delete them. If a row should no longer count, ask to change a status field instead.";

    private final PlannerConfig config;
    private final List<ModelClient> clients;
    /** This planner's own shortlist, with the profiles of the last schema it saw. */
    private final Shortlist shortlist = new Shortlist();

    private LangChain4jPlanner(PlannerConfig config, List<ModelClient> clients) {
        this.config = config;
        this.clients = List.copyOf(clients);
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

    private static Planner build(PlannerConfig config, Optional<String> baseUrl, Optional<String> apiKey,
            Function<String, String> environment) {
        List<ModelSpec> resolved = new ArrayList<>();
        for (ModelSpec spec : config.models()) {
            resolved.add(resolve(spec, baseUrl, apiKey, environment));
        }
        PlannerConfig effective = new PlannerConfig(resolved, config.timeout(), config.maxRetries(),
                config.tokenBudget(), config.maxCandidates(), config.strictJsonSchema());
        Answers.warmUp();
        List<ModelClient> clients = resolved.stream()
                .map(spec -> ModelClient.create(spec, effective.timeout(), effective.strictJsonSchema()))
                .toList();
        return new LangChain4jPlanner(effective, clients);
    }

    private static ModelSpec resolve(ModelSpec spec, Optional<String> baseUrl, Optional<String> apiKey,
            Function<String, String> environment) {
        ModelSpec result = spec;
        if (result.baseUrl().isEmpty() && baseUrl.isPresent()) {
            result = result.withBaseUrl(baseUrl.get());
        }
        if (result.apiKey().isEmpty()) {
            Optional<String> key = apiKey.or(() -> Optional.ofNullable(environment.apply(spec.provider().keyVariable())))
                    .filter(k -> !k.isBlank());
            if (key.isPresent()) {
                result = result.withApiKey(key.get());
            }
        }
        boolean hosted = spec.provider() != ModelSpec.Provider.OLLAMA && result.baseUrl().isEmpty();
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
        Run run = new Run();
        List<String> failures = new ArrayList<>();
        Throwable lastFailure = null;
        boolean answered = false;
        for (ModelClient client : clients) {
            run.model = client.label();
            try {
                Optional<PlannerOutput> output = planWith(client, request, run);
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

    /** Both stages with one model; empty when its answers stayed invalid. */
    private Optional<PlannerOutput> planWith(ModelClient client, PlannerRequest request, Run run)
            throws ModelClient.Unavailable {
        List<EntityView> candidates = run.candidates(request, config, shortlist);
        String system = Prompts.stageA(request, candidates);
        Optional<SchemaCheck.Stage> stageA = ask(client, run, system, request.message(), stageASchema(candidates),
                text -> {
                    Answers.Parsed<Answers.IntentAnswer> parsed = Answers.parseIntent(text);
                    if (!parsed.isOk()) {
                        return new SchemaCheck.Errors(parsed.errors());
                    }
                    return SchemaCheck.intent(parsed.value(), request.schema());
                },
                stage -> stage instanceof SchemaCheck.Errors errors ? errors.errors() : List.of());
        if (stageA.isEmpty()) {
            return Optional.empty();
        }
        SchemaCheck.Stage verdict = stageA.get();
        if (verdict instanceof SchemaCheck.Delete) {
            return Optional.of(PlannerOutput.refused(Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, DELETE_REFUSAL),
                    run.trace()));
        }
        if (!(verdict instanceof SchemaCheck.Target target)) {
            throw new IllegalStateException("unhandled: " + verdict.getClass().getName());
        }
        Optional<EntityView> draftEntity = request.draftEntity().flatMap(request.schema()::entity);
        if (target.intent() == Intent.UNKNOWN) {
            if (draftEntity.isEmpty() || request.draftIntent().isEmpty()) {
                return Optional.of(PlannerOutput.unknown(run.trace()));
            }
            // the message may answer the engine's question for the draft: take its values as fields
            Optional<SchemaCheck.Detail> detail = stageB(client, request, run, request.draftIntent().get(),
                    draftEntity.get(), true);
            return detail.map(d -> new PlannerOutput(Intent.UNKNOWN, Optional.empty(), d.fields(), List.of(),
                    List.of(), OptionalInt.empty(), Optional.empty(), run.trace()));
        }
        Optional<EntityView> entity = target.entity();
        if (entity.isEmpty() && request.draftIntent().equals(Optional.of(target.intent()))) {
            entity = draftEntity;
        }
        if (entity.isEmpty()) {
            // a read or write of nothing named is not understood (the planner contract: an intent names an entity)
            return Optional.of(PlannerOutput.unknown(run.trace()));
        }
        EntityView chosen = entity.get();
        Optional<SchemaCheck.Detail> detail = stageB(client, request, run, target.intent(), chosen, false);
        return detail.map(d -> new PlannerOutput(target.intent(), Optional.of(chosen.name()), d.fields(),
                d.filters(), d.orderBy(), d.limit(), Optional.empty(), run.trace()));
    }

    private Optional<SchemaCheck.Detail> stageB(ModelClient client, PlannerRequest request, Run run, Intent intent,
            EntityView entity, boolean answering) throws ModelClient.Unavailable {
        int limit = config.tokenBudget() - RETRY_RESERVE - Tokens.count(Prompts.userMessage(request.message()));
        String system = stageBPrompt(request, intent, entity, answering, limit);
        Optional<SchemaCheck.Result> result = ask(client, run, system, request.message(), Optional.empty(),
                text -> {
                    Answers.Parsed<Answers.DetailAnswer> parsed = Answers.parseDetail(text);
                    if (!parsed.isOk()) {
                        return new SchemaCheck.Result(Optional.empty(), parsed.errors());
                    }
                    SchemaCheck.Result checked = SchemaCheck.detail(parsed.value(), intent, entity, answering);
                    if (checked.detail().isEmpty()) {
                        return checked;
                    }
                    SchemaCheck.Detail detail = checked.detail().get();
                    List<String> echo = PromptEcho.problems(system, request.message(), detail.fields(),
                            detail.filters());
                    return echo.isEmpty() ? checked : new SchemaCheck.Result(Optional.empty(), echo);
                },
                SchemaCheck.Result::errors);
        return result.flatMap(SchemaCheck.Result::detail);
    }

    /**
     * Stage B's prompt within {@code limit} tokens: every column with comments and enum values if it fits, then
     * without comments, then names and types only, and for very wide entities only the columns that matter for
     * the intent (the field asked for first), as many as fit.
     */
    static String stageBPrompt(PlannerRequest request, Intent intent, EntityView entity, boolean answering,
            int limit) {
        String system = Prompts.stageB(request, intent, entity, answering, 2);
        for (int detail = 1; detail >= 0 && Tokens.count(system) > limit; detail--) {
            system = Prompts.stageB(request, intent, entity, answering, detail);
        }
        if (Tokens.count(system) <= limit) {
            return system;
        }
        List<ColumnView> ranked = new ArrayList<>();
        request.awaitingField().flatMap(entity::column).ifPresent(ranked::add);
        List<FieldRole> order = switch (intent) {
            case CREATE -> List.of(FieldRole.CREATE_REQUIRED, FieldRole.CREATE_OPTIONAL, FieldRole.PRIMARY_KEY);
            case UPDATE -> List.of(FieldRole.PRIMARY_KEY, FieldRole.UPDATE, FieldRole.FILTER);
            default -> List.of(FieldRole.PRIMARY_KEY, FieldRole.FILTER);
        };
        for (FieldRole role : order) {
            entity.columns().stream().filter(c -> c.has(role) && !ranked.contains(c)).forEach(ranked::add);
        }
        int room = limit - Tokens.count(Prompts.stageB(request, intent, entity, answering, 0, List.of()));
        List<ColumnView> listed = new ArrayList<>();
        for (ColumnView column : ranked) {
            int cost = Tokens.count(Prompts.columnLine(column, 0)) + 1;
            if (cost > room) {
                break;
            }
            listed.add(column);
            room -= cost;
        }
        return Prompts.stageB(request, intent, entity, answering, 0, listed);
    }

    /**
     * Asks one question, and again with the errors while the answer is invalid, at most
     * {@code maxRetries} more times. Empty when no answer passed.
     */
    private <T> Optional<T> ask(ModelClient client, Run run, String system, String message,
            Optional<JsonSchema> schema, Function<String, T> check, Function<T, List<String>> errorsOf)
            throws ModelClient.Unavailable {
        List<ChatMessage> question = List.of(SystemMessage.from(system), UserMessage.from(Prompts.userMessage(message)));
        List<ChatMessage> messages = question;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            ModelClient.Completion completion = client.complete(messages, schema);
            run.add(completion);
            T checked = check.apply(completion.text());
            List<String> errors = errorsOf.apply(checked);
            if (errors.isEmpty()) {
                return Optional.of(checked);
            }
            LOG.debug("planner model {} answer rejected ({} problems), attempt {}", client.label(), errors.size(),
                    attempt + 1);
            // only the latest answer and its errors go back, so that a retry stays within the budget
            messages = new ArrayList<>(question);
            messages.add(AiMessage.from(Prompts.rejected(completion.text())));
            messages.add(UserMessage.from(Prompts.correction(errors)));
        }
        return Optional.empty();
    }

    /** Stage A's strict schema: the intents and the listed entity names as enums ("none" for no entity). */
    private Optional<JsonSchema> stageASchema(List<EntityView> candidates) {
        if (!config.strictJsonSchema()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(candidates.stream().map(EntityView::name).toList());
        names.add("none");
        return Optional.of(JsonSchema.builder()
                .name("intent_and_entity")
                .rootElement(JsonObjectSchema.builder()
                        .addEnumProperty("intent", List.of("read", "create", "update", "delete", "unknown"))
                        .addEnumProperty("entity", names)
                        .required("intent", "entity")
                        .additionalProperties(false)
                        .build())
                .build());
    }

    /** The cost of one {@link #plan} call, over every attempt and model. Confined to one thread. */
    private static final class Run {
        private long promptTokens;
        private long completionTokens;
        private boolean promptKnown;
        private boolean completionKnown;
        private int attempts;
        private String model = NAME;
        private List<EntityView> candidates;

        void add(ModelClient.Completion completion) {
            attempts++;
            completion.promptTokens().ifPresent(t -> {
                promptTokens += t;
                promptKnown = true;
            });
            completion.completionTokens().ifPresent(t -> {
                completionTokens += t;
                completionKnown = true;
            });
        }

        /** Stage A's entity list, computed once per message whatever the number of models tried. */
        List<EntityView> candidates(PlannerRequest request, PlannerConfig config, Shortlist shortlist) {
            if (candidates == null) {
                int budget = config.tokenBudget() - RETRY_RESERVE;
                int fixed = Tokens.count(Prompts.stageAHeader(request))
                        + Tokens.count(Prompts.userMessage(request.message()));
                List<EntityView> picked = new ArrayList<>(shortlist.select(request.schema(), request.message(),
                        request.draftEntity(), Math.max(0, budget - fixed), config.maxCandidates()));
                // the whole prompt, header and message included, has the last word
                while (!picked.isEmpty() && Tokens.count(Prompts.stageA(request, picked))
                        + Tokens.count(Prompts.userMessage(request.message())) > budget) {
                    picked.remove(picked.size() - 1);
                }
                candidates = List.copyOf(picked);
            }
            return candidates;
        }

        PlannerTrace trace() {
            return new PlannerTrace(NAME, model,
                    promptKnown ? OptionalLong.of(promptTokens) : OptionalLong.empty(),
                    completionKnown ? OptionalLong.of(completionTokens) : OptionalLong.empty(),
                    Math.max(1, attempts));
        }
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
