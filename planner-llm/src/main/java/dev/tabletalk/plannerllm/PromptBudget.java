package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PlannerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits the prompts of both stages to {@link PlannerConfig#tokenBudget()}: which entities stage A lists, and how
 * much of one entity stage B describes. Each stage keeps {@link #RETRY_RESERVE} tokens for a retry.
 */
final class PromptBudget {

    /** Room kept in each stage's budget for the rejected answer and the errors a retry adds. */
    static final int RETRY_RESERVE = 550;

    private PromptBudget() {}

    /**
     * Stage A's entity list: a shortlist within the budget, cut further until the whole prompt, header and
     * message included, fits.
     */
    static List<EntityView> stageACandidates(PlannerRequest request, PlannerConfig config, Shortlist shortlist) {
        int budget = config.tokenBudget() - RETRY_RESERVE;
        int fixed = Tokens.count(Prompts.stageAHeader(request)) + Tokens.count(Prompts.userMessage(request.message()));
        List<EntityView> picked = new ArrayList<>(shortlist.select(
                request.schema(),
                request.message(),
                request.draftEntity(),
                Math.max(0, budget - fixed),
                config.maxCandidates()));
        // the whole prompt, header and message included, has the last word
        while (!picked.isEmpty()
                && Tokens.count(Prompts.stageA(request, picked)) + Tokens.count(Prompts.userMessage(request.message()))
                        > budget) {
            picked.remove(picked.size() - 1);
        }
        return List.copyOf(picked);
    }

    /** The most tokens stage B's system prompt may take: the budget less the reserve and the message. */
    static int stageBLimit(PlannerRequest request, PlannerConfig config) {
        return config.tokenBudget() - RETRY_RESERVE - Tokens.count(Prompts.userMessage(request.message()));
    }

    /**
     * Stage B's prompt within {@code limit} tokens: every column with comments and enum values if it fits, then
     * without comments, then names and types only, and for very wide entities only the columns that matter for
     * the intent (the field asked for first), as many as fit.
     */
    static String stageBPrompt(PlannerRequest request, Intent intent, EntityView entity, boolean answering, int limit) {
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
            entity.columns().stream()
                    .filter(c -> c.has(role) && !ranked.contains(c))
                    .forEach(ranked::add);
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
}
