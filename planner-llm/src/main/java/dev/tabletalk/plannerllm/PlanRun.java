package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cost of one {@link LangChain4jPlanner#plan} call, over every attempt and model, and the {@link PlannerTrace}
 * that reports it. Also keeps stage A's entity list, so that it is computed once per message. Confined to one
 * thread.
 */
final class PlanRun {

    private long promptTokens;
    private long completionTokens;
    private boolean promptKnown;
    private boolean completionKnown;
    private int attempts;
    private String model = LangChain4jPlanner.NAME;
    private List<EntityView> candidates;

    /** The model now asked; the trace names the last one. */
    void use(ModelClient client) {
        model = client.label();
    }

    /** Counts one answer of a model and the tokens it reports. */
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
            candidates = PromptBudget.stageACandidates(request, config, shortlist);
        }
        return candidates;
    }

    PlannerTrace trace() {
        return new PlannerTrace(
                LangChain4jPlanner.NAME,
                model,
                promptKnown ? OptionalLong.of(promptTokens) : OptionalLong.empty(),
                completionKnown ? OptionalLong.of(completionTokens) : OptionalLong.empty(),
                Math.max(1, attempts));
    }
}
