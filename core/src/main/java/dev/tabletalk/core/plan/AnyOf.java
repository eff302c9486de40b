package dev.tabletalk.core.plan;

import java.util.List;

/**
 * At least one of {@code items} holds (an OR). Wire form: {@code {"anyOf": [items]}}.
 *
 * @param items the alternatives; the validator refuses an empty list
 */
public record AnyOf(List<Condition> items) implements Condition {

    public AnyOf {
        items = List.copyOf(items);
    }

    public static AnyOf of(Condition... items) {
        return new AnyOf(List.of(items));
    }

    @Override
    public String toString() {
        return "anyOf" + items;
    }
}
