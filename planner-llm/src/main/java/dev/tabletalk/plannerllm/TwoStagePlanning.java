package dev.tabletalk.plannerllm;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Both stages of planning one message with one model, and the mapping of their checked answers to a
 * {@link PlannerOutput}: stage A's intent and entity (a delete becomes a {@code DELETE_NOT_ALLOWED} refusal, an
 * unknown intent an answer to the draft's question or {@link PlannerOutput#unknown}), then stage B's fields,
 * conditions and, for a read, the columns to show, ordering, limit, offset and aggregate for that entity.
 * Thread-safe: one instance serves every session of its planner.
 */
final class TwoStagePlanning {

    private static final String DELETE_REFUSAL = "Deleting is not possible here: TableTalk can show, add and change "
            + "rows, never delete them. If a row should no longer count, ask to change a status field instead.";

    private final PlannerConfig config;
    /** This planner's own shortlist, with the profiles of the last schema it saw. */
    private final Shortlist shortlist = new Shortlist();

    TwoStagePlanning(PlannerConfig config) {
        this.config = config;
    }

    /** Both stages with one model; empty when its answers stayed invalid. */
    Optional<PlannerOutput> plan(ModelClient client, PlannerRequest request, PlanRun run)
            throws ModelClient.Unavailable {
        RepairLoop loop = new RepairLoop(client, run, config.maxRetries());
        List<EntityView> candidates = run.candidates(request, config, shortlist);
        String system = Prompts.stageA(request, candidates);
        Optional<SchemaCheck.Stage> stageA = loop.ask(
                system,
                request.message(),
                stageASchema(candidates),
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
            return Optional.of(
                    PlannerOutput.refused(Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, DELETE_REFUSAL), run.trace()));
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
            Optional<SchemaCheck.Detail> detail =
                    stageB(loop, request, request.draftIntent().get(), draftEntity.get(), true);
            return detail.map(d -> new PlannerOutput(
                    Intent.UNKNOWN,
                    Optional.empty(),
                    d.fields(),
                    List.of(),
                    List.of(),
                    OptionalInt.empty(),
                    Optional.empty(),
                    run.trace()));
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
        Optional<SchemaCheck.Detail> detail = stageB(loop, request, target.intent(), chosen, false);
        if (detail.isPresent() && detail.get().question().isPresent()) {
            // #13: the model asks which reading was meant; each kept choice carries its checked plan
            return Optional.of(
                    AskedQuestions.output(detail.get().question().get(), target.intent(), chosen.name(), run.trace()));
        }
        return detail.map(d -> new PlannerOutput(
                        target.intent(),
                        Optional.of(chosen.name()),
                        d.fields(),
                        d.filters(),
                        d.orderBy(),
                        d.limit(),
                        Optional.empty(),
                        run.trace())
                .withRead(d.select(), d.offset(), d.aggregate())
                .withDeleted(d.deleted()));
    }

    private Optional<SchemaCheck.Detail> stageB(
            RepairLoop loop, PlannerRequest request, Intent intent, EntityView entity, boolean answering)
            throws ModelClient.Unavailable {
        int limit = PromptBudget.stageBLimit(request, config);
        String system = PromptBudget.stageBPrompt(request, intent, entity, answering, limit);
        Optional<SchemaCheck.Result> result = loop.ask(
                system,
                request.message(),
                Optional.empty(),
                text -> {
                    Answers.Parsed<Answers.DetailAnswer> parsed = Answers.parseDetail(text);
                    if (!parsed.isOk()) {
                        return new SchemaCheck.Result(Optional.empty(), parsed.errors());
                    }
                    SchemaCheck.Result checked =
                            SchemaCheck.detail(parsed.value(), intent, entity, answering, request.schema());
                    if (checked.detail().isEmpty()) {
                        return checked;
                    }
                    SchemaCheck.Detail detail = checked.detail().get();
                    List<String> echo = new ArrayList<>(
                            PromptEcho.problems(system, request.message(), detail.fields(), detail.leaves()));
                    detail.question().ifPresent(asked -> {
                        echo.addAll(
                                PromptEcho.problems(system, request.message(), AskedQuestions.shown(asked), List.of()));
                        asked.choices()
                                .forEach(choice -> echo.addAll(PromptEcho.problems(
                                        system,
                                        request.message(),
                                        choice.detail().fields(),
                                        choice.detail().leaves())));
                    });
                    return echo.isEmpty() ? checked : new SchemaCheck.Result(Optional.empty(), List.copyOf(echo));
                },
                SchemaCheck.Result::errors);
        return result.flatMap(SchemaCheck.Result::detail);
    }

    /** Stage A's strict schema: the intents and the listed entity names as enums ("none" for no entity). */
    private Optional<JsonSchema> stageASchema(List<EntityView> candidates) {
        if (!config.strictJsonSchema()) {
            return Optional.empty();
        }
        List<String> names =
                new ArrayList<>(candidates.stream().map(EntityView::name).toList());
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
}
