package dev.tabletalk.core.plan;

import java.util.Objects;

/**
 * {@code item} does not hold. Wire form: {@code {"not": item}}.
 *
 * <p>A negation matches exactly the rows its item does not match, rows whose field is empty
 * included: {@code not(country = 'Germany')} finds customers with no country too, unlike
 * {@code country != 'Germany'}, which (as in SQL) matches only rows that have a country.
 *
 * @param item the negated condition
 */
public record Not(Condition item) implements Condition {

    public Not {
        Objects.requireNonNull(item, "item");
    }

    public static Not of(Condition item) {
        return new Not(item);
    }

    @Override
    public String toString() {
        return "not(" + item + ")";
    }
}
