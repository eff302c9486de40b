package dev.tabletalk.launcher;

import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.plannerrules.RulesPlanner;
import java.util.Locale;

/** Picks a planner from its short spec: {@code rules} or {@code provider:model}. */
final class Planners {

    private Planners() {}

    /** The planner of {@code tabletalk.yaml}'s {@code planner} section: rules, or a chain of LLM models. */
    static Planner fromSettings(TableTalkConfig.Planner settings) {
        if (settings.isRules()) {
            return RulesPlanner.create();
        }
        for (String spec : settings.models()) {
            if (spec.strip().equalsIgnoreCase("rules")) {
                throw new ConfigurationException("planner.models: rules cannot be part of a chain of LLM models");
            }
        }
        try {
            return LlmPlanners.create(settings);
        } catch (NoClassDefFoundError e) {
            // planner-llm is an optional dependency of the launcher
            throw new ConfigurationException(
                    "the planner " + settings.models() + " needs dev.tabletalk:tabletalk-planner-llm on the classpath",
                    e);
        }
    }

    static Planner fromSpec(String spec) {
        String text = spec.strip();
        if (text.isEmpty() || text.toLowerCase(Locale.ROOT).equals("rules")) {
            return RulesPlanner.create();
        }
        int colon = text.indexOf(':');
        String provider = colon < 0 ? text : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!provider.equals("openai") && !provider.equals("anthropic") && !provider.equals("ollama")) {
            throw new ConfigurationException(
                    "unknown planner '" + text + "': use rules, openai:MODEL, " + "anthropic:MODEL or ollama:MODEL");
        }
        try {
            return LlmPlanners.create(text);
        } catch (NoClassDefFoundError e) {
            // planner-llm is an optional dependency of the launcher
            throw new ConfigurationException(
                    "the planner " + text + " needs dev.tabletalk:tabletalk-planner-llm " + "on the classpath", e);
        }
    }
}
