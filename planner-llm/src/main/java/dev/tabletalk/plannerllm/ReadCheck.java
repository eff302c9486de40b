package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks the parts of stage B's answer that only a read may have: {@code select}, {@code orderBy},
 * {@code limit}, {@code offset} and {@code aggregate}, with the engine's rules (visible columns only; ordering and
 * grouping by columns that are not masked; {@code sum} and {@code avg} of numbers, {@code min} and {@code max} of
 * ordered types; with an aggregate, ordering by its group columns or output key only and no {@code select}). Error
 * texts name only what the model wrote or the schema view shows.
 */
final class ReadCheck {

    private ReadCheck() {}

    /** The checked read parts, with canonical names. */
    record Read(List<String> select, List<Sort> orderBy, OptionalInt limit, int offset, Optional<Aggregate> aggregate) {
        Read {
            select = List.copyOf(select);
            orderBy = List.copyOf(orderBy);
        }
    }

    /** The read parts of {@code answer}; what is wrong is added to {@code errors}. */
    static Read check(
            Answers.DetailAnswer answer, Intent intent, boolean answering, EntityView entity, List<String> errors) {
        boolean read = intent == Intent.READ && !answering;
        List<String> select = new ArrayList<>();
        if (!answer.selectOrEmpty().isEmpty()) {
            if (read) {
                select(entity, answer.selectOrEmpty(), select, errors);
            } else {
                errors.add("select is only for reads; leave it []");
            }
        }
        Optional<Aggregate> aggregate = Optional.empty();
        if (answer.aggregate() != null) {
            if (read) {
                aggregate = aggregate(entity, answer.aggregate(), errors);
                if (!answer.selectOrEmpty().isEmpty()) {
                    errors.add("an aggregate shows its groups and its value: leave select []");
                }
            } else {
                errors.add("aggregate is only for reads; leave it null");
            }
        }
        List<Sort> orderBy = new ArrayList<>();
        if (intent != Intent.READ && !answer.orderByOrEmpty().isEmpty()) {
            errors.add("orderBy is only for reads; leave it []");
        } else if (aggregate.isPresent()) {
            orderBy.addAll(aggregateOrder(entity, aggregate.get(), answer.orderByOrEmpty(), errors));
        } else if (answer.aggregate() == null) {
            for (Answers.SortAnswer sort : answer.orderByOrEmpty()) {
                sortable(entity, sort.field(), "ordered", errors)
                        .ifPresent(column -> orderBy.add(new Sort(column.name(), sort.descending())));
            }
        }
        OptionalInt limit = OptionalInt.empty();
        if (answer.limit() != null) {
            if (intent != Intent.READ) {
                errors.add("limit is only for reads; leave it null");
            } else {
                limit = OptionalInt.of(answer.limit());
            }
        }
        int offset = answer.offsetOrZero();
        if (offset > 0 && intent != Intent.READ) {
            errors.add("offset is only for reads; leave it null");
        }
        return new Read(select, orderBy, limit, offset, aggregate);
    }

    private static void select(EntityView entity, List<String> names, List<String> select, List<String> errors) {
        for (String name : names) {
            SchemaCheck.visible(entity, name, errors).ifPresent(column -> {
                if (select.contains(column.name())) {
                    errors.add("select names '" + column.name() + "' twice");
                } else {
                    select.add(column.name());
                }
            });
        }
    }

    private static Optional<Aggregate> aggregate(
            EntityView entity, Answers.AggregateAnswer answer, List<String> errors) {
        Aggregate.Fn fn = Aggregate.Fn.fromWireName(answer.fn())
                .orElseThrow(() -> new IllegalStateException("the answer shape allows no fn " + answer.fn()));
        int before = errors.size();
        Optional<String> field = Optional.empty();
        if (answer.field() != null && !answer.field().isBlank()) {
            Optional<ColumnView> column = sortable(entity, answer.field(), "aggregated", errors);
            column.ifPresent(c -> fits(fn, c, errors));
            field = column.map(ColumnView::name);
        } else if (fn != Aggregate.Fn.COUNT) {
            errors.add(fn.wireName() + " needs a field; only count takes \"field\": null (a count of rows)");
        }
        List<String> groups = new ArrayList<>();
        for (String name : answer.groupByOrEmpty()) {
            sortable(entity, name, "grouped", errors).ifPresent(column -> {
                if (groups.contains(column.name())) {
                    errors.add("groupBy names '" + column.name() + "' twice");
                } else {
                    groups.add(column.name());
                }
            });
        }
        return errors.size() == before ? Optional.of(new Aggregate(fn, field, groups)) : Optional.empty();
    }

    private static void fits(Aggregate.Fn fn, ColumnView column, List<String> errors) {
        boolean plain = column.enumValues().isEmpty();
        String needs = switch (fn) {
            case COUNT -> null;
            case SUM, AVG -> column.type().isNumeric() && plain ? null : "number";
            case MIN, MAX -> column.type().isOrdered() && plain ? null : "number, date or time";
        };
        if (needs != null) {
            errors.add(fn.wireName() + " needs a " + needs + " field; '" + column.name() + "' is not one");
        }
    }

    /** With an aggregate, results are ordered by a group column or by the aggregate's output key only. */
    private static List<Sort> aggregateOrder(
            EntityView entity, Aggregate aggregate, List<Answers.SortAnswer> sorts, List<String> errors) {
        List<String> keys = new ArrayList<>(aggregate.groupBy());
        keys.add(aggregate.outputKey(
                entity.columns().stream().map(ColumnView::name).toList()));
        List<Sort> order = new ArrayList<>();
        for (Answers.SortAnswer sort : sorts) {
            Optional<String> key = keys.stream()
                    .filter(k -> k.equalsIgnoreCase(sort.field().strip()))
                    .findFirst();
            if (key.isPresent()) {
                order.add(new Sort(key.get(), sort.descending()));
            } else {
                errors.add("with this aggregate, orderBy takes only " + String.join(", ", keys) + "; not '"
                        + SchemaCheck.clip(sort.field()) + "'");
            }
        }
        return order;
    }

    /** A visible column that results may be ordered or grouped by: not masked, and of a conversational type. */
    private static Optional<ColumnView> sortable(EntityView entity, String name, String use, List<String> errors) {
        Optional<ColumnView> found = SchemaCheck.visible(entity, name, errors);
        if (found.isPresent()
                && (found.get().has(FieldRole.MASKED) || !found.get().type().isConversational())) {
            errors.add("results cannot be " + use + " by '" + found.get().name() + "'");
            return Optional.empty();
        }
        return found;
    }
}
