package dev.tabletalk.launcher;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.plannerrules.RulesPlanner;
import java.util.Locale;

/** Picks a planner from its short spec: {@code rules} or {@code provider:model}. */
final class Planners {

    private Planners() {}

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
