package dev.tabletalk.core.conversation;

import dev.tabletalk.core.plan.Plan;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A clarifying question with numbered choices ("'Paris': city or country?"), asked instead of running a plan
 * when a message can be read more than one way (#13). Each choice carries the plan it stands for; the next
 * message picks one by its number (1-based, in order), its label or its value. The plans are the planner's
 * proposals: a picked plan is validated like any other before it runs.
 *
 * @param text the question, for a person
 * @param choices the choices, numbered 1, 2, ... in this order (at least one)
 */
public record Question(String text, List<Question.Choice> choices) {

    public Question {
        Objects.requireNonNull(text, "text");
        choices = List.copyOf(choices);
        if (text.isBlank()) {
            throw new IllegalArgumentException("a question has a text");
        }
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a question has at least one choice");
        }
    }

    /**
     * One choice of a question.
     *
     * @param label what the person sees, e.g. "city"
     * @param value what the choice stands for in short, e.g. "customers.city = Paris"
     * @param plan the plan that runs when this choice is picked
     */
    public record Choice(String label, String value, Plan plan) {
        public Choice {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** The choice numbered {@code n} (1-based), if there is one. */
    public Optional<Choice> numbered(int n) {
        return n >= 1 && n <= choices.size() ? Optional.of(choices.get(n - 1)) : Optional.empty();
    }

    /** The first choice whose label or value equals {@code answer}, ignoring case and surrounding spaces. */
    public Optional<Choice> named(String answer) {
        String wanted = answer.strip().toLowerCase(Locale.ROOT);
        return choices.stream()
                .filter(c -> c.label().strip().toLowerCase(Locale.ROOT).equals(wanted)
                        || c.value().strip().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
