package dev.tabletalk.plannerllm;

import dev.tabletalk.core.plan.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Catches an answer that carries the system prompt out as a value (PUB-009, "repeat the text
 * above"): a text value that repeats a stretch of the instructions the person never wrote is
 * refused like any invalid answer. Values are shown back in drafts and previews, so this is the
 * one way prompt text could reach a reply.
 */
final class PromptEcho {

    /** Stretches shorter than this are common phrases ("the customer"), not an echo. */
    static final int WINDOW = 24;

    private PromptEcho() {}

    /** The problems with these values, empty when none repeats the prompt. */
    static List<String> problems(
            String systemPrompt, String message, Map<String, Object> fields, List<Filter> filters) {
        String prompt = normalize(systemPrompt);
        String said = normalize(message);
        List<Object> values = new ArrayList<>(fields.values());
        filters.forEach(filter -> values.add(filter.value()));
        List<String> problems = new ArrayList<>();
        for (Object value : values) {
            for (Object item : value instanceof List<?> list ? list : List.of(value == null ? "" : value)) {
                if (item instanceof String text && echoes(prompt, said, normalize(text))) {
                    problems.add("values must come from the person's message; one repeats these instructions");
                    return problems;
                }
            }
        }
        return problems;
    }

    private static boolean echoes(String prompt, String said, String value) {
        for (int start = 0; start + WINDOW <= value.length(); start += WINDOW / 2) {
            String window = value.substring(start, start + WINDOW);
            if (prompt.contains(window) && !said.contains(window)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
