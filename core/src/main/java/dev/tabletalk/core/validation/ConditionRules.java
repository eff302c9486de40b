package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the conditions of a plan as a tree: every leaf exactly as a single filter is checked (a
 * filterable field, an operator that fits its type, values that coerce), every {@code anyOf} has at
 * least one alternative, every {@link Related} is a real link whose own conditions are checked on the entity it
 * points at ({@link RelationRules}), the tree is at most {@value #MAX_DEPTH} levels deep (a link counts as a
 * level, so tracks of albums of an artist is as deep as it goes) and has at most {@code maxFilters} leaves in
 * all, those inside links included.
 *
 * <p>Immutable and thread-safe.
 */
final class ConditionRules {

    /** The deepest tree accepted: e.g. {@code not(anyOf(a, b))}, {@code anyOf(a, not(b))} or two links deep. */
    static final int MAX_DEPTH = Condition.MAX_DEPTH;

    private final int maxFilters;
    private final FieldResolver fields;
    private final OperatorRules operators;
    private final RelationRules relations;

    ConditionRules(int maxFilters, FieldResolver fields, OperatorRules operators, AccessPolicy access) {
        this.maxFilters = maxFilters;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.relations = new RelationRules(fields, access);
    }

    /**
     * Who asks, and the catalog as they see it: what a {@link Related} may point at.
     *
     * @param catalog the caller's view of the catalog (hidden entities answer like unknown ones)
     * @param user the caller, whose role must allow reading every entity a link points at
     */
    record Scope(EntityCatalog catalog, UserContext user) {
        Scope {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(user, "user");
        }
    }

    /** The conditions with canonical names and coerced values; the problems are added to {@code problems}. */
    List<Condition> check(List<Condition> conditions, Entity entity, Scope scope, List<Problem> problems) {
        int leaves = leafCount(conditions);
        if (leaves > maxFilters) {
            problems.add(Problem.of(RefusalCode.TOO_MANY_FILTERS, Wording.tooManyConditions(leaves, maxFilters)));
            return List.of();
        }
        if (conditions.stream().anyMatch(condition -> condition.depth() > MAX_DEPTH)) {
            String message = conditions.stream().anyMatch(Condition::hasLink)
                    ? Wording.relatedTooDeep(MAX_DEPTH)
                    : Wording.conditionsTooDeep(MAX_DEPTH);
            problems.add(Problem.of(RefusalCode.TOO_MANY_FILTERS, message));
            return List.of();
        }
        List<Condition> checked = new ArrayList<>();
        for (Condition condition : conditions) {
            checked.add(condition(condition, entity, scope, problems));
        }
        return checked;
    }

    private Condition condition(Condition condition, Entity entity, Scope scope, List<Problem> problems) {
        if (condition instanceof AnyOf anyOf) {
            if (anyOf.items().isEmpty()) {
                problems.add(Problem.of(RefusalCode.TYPE_MISMATCH, Wording.EMPTY_ANY_OF));
            }
            return new AnyOf(anyOf.items().stream()
                    .map(item -> condition(item, entity, scope, problems))
                    .toList());
        }
        if (condition instanceof Not not) {
            return new Not(condition(not.item(), entity, scope, problems));
        }
        if (condition instanceof Related related) {
            return relations
                    .target(related, entity, scope, problems)
                    .map(target -> new Related(
                            target.field(),
                            target.reference(),
                            related.filters().stream()
                                    .map(item -> condition(item, target.entity(), scope, problems))
                                    .toList()))
                    // on a problem the link is kept as given: the plan is refused anyway
                    .orElse(related);
        }
        Filter filter = (Filter) condition;
        // on a problem the filter is kept as given: the plan is refused anyway
        return fields.filterable(entity, filter.field(), problems)
                .flatMap(column -> operators.filter(column, filter.op(), filter.value(), problems))
                .orElse(filter);
    }

    /** The filters of the tree, those inside links included: each is a condition the database evaluates. */
    static int leafCount(List<Condition> conditions) {
        int count = 0;
        for (Condition condition : conditions) {
            if (condition instanceof Related related) {
                count += leafCount(related.filters());
            } else if (condition instanceof AnyOf anyOf) {
                count += leafCount(anyOf.items());
            } else if (condition instanceof Not not) {
                count += leafCount(List.of(not.item()));
            } else {
                count++;
            }
        }
        return count;
    }
}
