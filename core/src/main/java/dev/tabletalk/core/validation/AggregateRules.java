package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an aggregate: at most {@value Aggregate#MAX_GROUP_BY} group columns, each a column results may be
 * sorted by (visible, not masked); {@code sum} and {@code avg} only of numbers, {@code min} and {@code max}
 * only of ordered types (numbers, dates, times, text; not enumerations), a {@code count} of any such column or of rows; and an
 * ordering only by a group column or the aggregate's output key.
 *
 * <p>Immutable and thread-safe.
 */
final class AggregateRules {

    private final FieldResolver fields;

    AggregateRules(FieldResolver fields) {
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** The aggregate with canonical names; the problems are added to {@code problems}. */
    Aggregate check(Aggregate aggregate, Entity entity, List<Problem> problems) {
        if (aggregate.groupBy().size() > Aggregate.MAX_GROUP_BY) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.tooManyGroups(Aggregate.MAX_GROUP_BY)));
            return aggregate;
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String name : aggregate.groupBy()) {
            fields.sortable(entity, name, problems).ifPresent(column -> groups.add(column.name()));
        }
        String fn = aggregate.fn().wireName();
        Optional<String> field = Optional.empty();
        if (aggregate.field().isPresent()) {
            Optional<Column> column = fields.sortable(entity, aggregate.field().get(), problems);
            column.ifPresent(c -> fits(aggregate.fn(), c, problems));
            field = column.map(Column::name);
        } else if (aggregate.fn() != Aggregate.Fn.COUNT) {
            problems.add(Problem.of(RefusalCode.TYPE_MISMATCH, Wording.aggregateNeedsField(fn)));
        }
        return new Aggregate(aggregate.fn(), field, List.copyOf(groups));
    }

    /** The ordering of an aggregate's result: by its group columns and its output key only. */
    List<Sort> order(Aggregate aggregate, Entity entity, List<Sort> orderBy, List<Problem> problems) {
        String key = aggregate.outputKey(visibleNames(entity));
        List<String> keys = new ArrayList<>(aggregate.groupBy());
        keys.add(key);
        List<Sort> order = new ArrayList<>();
        for (Sort sort : orderBy) {
            Optional<String> match =
                    keys.stream().filter(k -> k.equalsIgnoreCase(sort.field())).findFirst();
            if (match.isEmpty()) {
                problems.add(Problem.of(
                        RefusalCode.FIELD_NOT_FILTERABLE, sort.field(), Wording.aggregateOrder(sort.field(), keys)));
            } else {
                order.add(new Sort(match.get(), sort.descending()));
            }
        }
        return order;
    }

    static List<String> visibleNames(Entity entity) {
        return entity.visibleColumns().stream().map(Column::name).toList();
    }

    private static void fits(Aggregate.Fn fn, Column column, List<Problem> problems) {
        String needs = switch (fn) {
            case COUNT -> null;
            case SUM, AVG -> column.type().isNumeric() && !column.isEnum() ? null : "numbers";
            case MIN, MAX -> column.type().isOrdered() && !column.isEnum() ? null : "numbers, dates or times";
        };
        if (needs != null) {
            problems.add(Problem.of(
                    RefusalCode.OP_NOT_ALLOWED,
                    column.name(),
                    Wording.aggregateNotOn(label(fn), column.name(), needs)));
        }
    }

    private static String label(Aggregate.Fn fn) {
        return switch (fn) {
            case COUNT -> "count";
            case SUM -> "sum";
            case AVG -> "average";
            case MIN -> "lowest value";
            case MAX -> "highest value";
        };
    }
}
