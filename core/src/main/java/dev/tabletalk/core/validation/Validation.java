package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.reply.Refusal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The verdict of {@link PlanValidator}: a plan that may proceed, or the problems with it. */
public sealed interface Validation {

    /**
     * The plan may proceed.
     *
     * @param plan the plan with canonical names (entity reference, column names) and coerced values
     * @param entity the entity it targets
     */
    record Valid(Plan plan, Entity entity) implements Validation {
        public Valid {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(entity, "entity");
        }
    }

    /** The plan must not proceed; {@code problems} is never empty. */
    record Invalid(List<Problem> problems) implements Validation {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid plan has at least one problem");
            }
        }

        /** One refusal for the person: the first problem's code, every problem's message (at most three). */
        public Refusal refusal() {
            String message =
                    problems.stream().map(Problem::message).distinct().limit(3).collect(Collectors.joining(" "));
            return Refusal.of(problems.get(0).code(), message);
        }
    }
}
