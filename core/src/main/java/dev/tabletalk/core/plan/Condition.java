package dev.tabletalk.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A condition of a plan: a {@link Filter} ({@code field op value}), an {@link AnyOf} (an OR of
 * conditions), a {@link Not} (the negation of a condition) or a {@link Related} (a foreign key pointing at a
 * row of another entity that matches conditions of its own). The conditions of a plan are combined
 * with AND, and the executor ANDs its own guards (the tenant scope above all) outside them, so no
 * condition can widen a plan past them.
 */
public sealed interface Condition permits Filter, AnyOf, Not, Related {

    /**
     * How deep the conditions of a plan may nest ({@link #depth}): tracks of albums of an artist, two links and the
     * artist's name, is already as deep as it goes. The validator holds every plan to it; planners stay within it.
     */
    int MAX_DEPTH = 3;

    /**
     * The leaves of this condition on the plan's own entity, depth first, in the order given. A {@link Related}
     * is not a leaf and its filters are on another entity, so neither is among them: a caller that checks fields
     * handles relationships itself.
     */
    default List<Filter> leaves() {
        return leavesOf(List.of(this));
    }

    /** How deep the tree is: 1 for a filter, one more for each {@code anyOf}, {@code not} or link around it. */
    default int depth() {
        if (this instanceof Not not) {
            return 1 + not.item().depth();
        }
        if (this instanceof AnyOf anyOf) {
            return 1 + anyOf.items().stream().mapToInt(Condition::depth).max().orElse(0);
        }
        if (this instanceof Related related) {
            return 1
                    + related.filters().stream()
                            .mapToInt(Condition::depth)
                            .max()
                            .orElse(0);
        }
        return 1;
    }

    /** Whether the tree links to another entity anywhere ({@link Related}). */
    default boolean hasLink() {
        if (this instanceof Related) {
            return true;
        }
        if (this instanceof AnyOf anyOf) {
            return anyOf.items().stream().anyMatch(Condition::hasLink);
        }
        return this instanceof Not not && not.item().hasLink();
    }

    /**
     * The same tree with every leaf on the plan's own entity replaced by {@code change} applied to it; a
     * {@link Related} is kept as it is (its filters are on another entity).
     */
    default Condition mapLeaves(UnaryOperator<Filter> change) {
        if (this instanceof Not not) {
            return new Not(not.item().mapLeaves(change));
        }
        if (this instanceof AnyOf anyOf) {
            return new AnyOf(
                    anyOf.items().stream().map(item -> item.mapLeaves(change)).toList());
        }
        if (this instanceof Related) {
            return this;
        }
        return change.apply((Filter) this);
    }

    /** The leaves of every condition in {@code conditions}, depth first, in order. */
    static List<Filter> leavesOf(List<? extends Condition> conditions) {
        List<Filter> leaves = new ArrayList<>();
        List<Condition> pending = new ArrayList<>(conditions);
        while (!pending.isEmpty()) {
            Condition condition = pending.remove(0);
            if (condition instanceof Filter filter) {
                leaves.add(filter);
            } else if (condition instanceof Not not) {
                pending.add(0, not.item());
            } else if (condition instanceof AnyOf anyOf) {
                pending.addAll(0, anyOf.items());
            }
        }
        return List.copyOf(leaves);
    }
}
