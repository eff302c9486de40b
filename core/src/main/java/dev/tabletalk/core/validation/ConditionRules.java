package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the conditions of a plan as a tree: every leaf exactly as a single filter is checked (a
 * filterable field, an operator that fits its type, values that coerce), every {@code anyOf} has at
 * least one alternative, the tree is at most {@value #MAX_DEPTH} levels deep and has at most
 * {@code maxFilters} leaves in all.
 *
 * <p>Immutable and thread-safe.
 */
final class ConditionRules {

    /** The deepest tree accepted: e.g. {@code not(anyOf(a, b))} or {@code anyOf(a, not(b))}. */
    static final int MAX_DEPTH = 3;

    private final int maxFilters;
    private final FieldResolver fields;
    private final OperatorRules operators;

    ConditionRules(int maxFilters, FieldResolver fields, OperatorRules operators) {
        this.maxFilters = maxFilters;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.operators = Objects.requireNonNull(operators, "operators");
    }

    /** The conditions with canonical names and coerced values; the problems are added to {@code problems}. */
    List<Condition> check(List<Condition> conditions, Entity entity, List<Problem> problems) {
        int leaves = Condition.leavesOf(conditions).size();
        if (leaves > maxFilters) {
            problems.add(Problem.of(RefusalCode.TOO_MANY_FILTERS, Wording.tooManyConditions(leaves, maxFilters)));
            return List.of();
        }
        if (conditions.stream().anyMatch(condition -> condition.depth() > MAX_DEPTH)) {
            problems.add(Problem.of(RefusalCode.TOO_MANY_FILTERS, Wording.conditionsTooDeep(MAX_DEPTH)));
            return List.of();
        }
        List<Condition> checked = new ArrayList<>();
        for (Condition condition : conditions) {
            checked.add(condition(condition, entity, problems));
        }
        return checked;
    }

    private Condition condition(Condition condition, Entity entity, List<Problem> problems) {
        if (condition instanceof AnyOf anyOf) {
            if (anyOf.items().isEmpty()) {
                problems.add(Problem.of(RefusalCode.TYPE_MISMATCH, Wording.EMPTY_ANY_OF));
            }
            return new AnyOf(anyOf.items().stream()
                    .map(item -> condition(item, entity, problems))
                    .toList());
        }
        if (condition instanceof Not not) {
            return new Not(condition(not.item(), entity, problems));
        }
        Filter filter = (Filter) condition;
        // on a problem the filter is kept as given: the plan is refused anyway
        return fields.filterable(entity, filter.field(), problems)
                .flatMap(column -> operators.filter(column, filter.op(), filter.value(), problems))
                .orElse(filter);
    }
}
