package dev.tabletalk.core.validation;

import java.util.Objects;

/** The result of coercing one value to a column's type: the typed value, or the problem. */
public sealed interface Coerced {

    /** The value with the column's Java type; {@code null} means SQL NULL. */
    record Value(Object value) implements Coerced {}

    record Rejected(Problem problem) implements Coerced {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
