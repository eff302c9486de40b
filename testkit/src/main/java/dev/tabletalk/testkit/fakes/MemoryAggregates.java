package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowSet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated aggregate in memory, as the real executor computes it: groups of the rows that matched (already
 * scoped to the caller's tenant), one value per group (a count of rows, or of non-empty values; a sum or an
 * average as a decimal; the lowest or highest value), ordered by the plan and then by the group columns,
 * from the offset, capped like any read.
 */
final class MemoryAggregates {

    private MemoryAggregates() {}

    static RowSet run(
            Aggregate aggregate,
            Entity entity,
            List<Map<String, Object>> matching,
            List<Sort> orderBy,
            int offset,
            int cap) {
        String key = aggregate.outputKey(
                entity.visibleColumns().stream().map(Column::name).toList());
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : matching) {
            List<Object> values = new ArrayList<>();
            aggregate.groupBy().forEach(name -> values.add(row.get(name)));
            groups.computeIfAbsent(values, v -> new ArrayList<>()).add(row);
        }
        if (groups.isEmpty() && aggregate.groupBy().isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((values, members) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                row.put(aggregate.groupBy().get(i), values.get(i));
            }
            row.put(key, value(aggregate, members));
            rows.add(row);
        });
        rows.sort(order(aggregate, orderBy));
        int from = Math.min(offset, rows.size());
        int to = Math.min(from + cap, rows.size());
        List<String> columns = new ArrayList<>(aggregate.groupBy());
        columns.add(key);
        return new RowSet(columns, rows.subList(from, to), rows.size() > to);
    }

    private static Object value(Aggregate aggregate, List<Map<String, Object>> rows) {
        if (aggregate.field().isEmpty()) {
            return (long) rows.size();
        }
        String field = aggregate.field().get();
        List<Object> values = rows.stream()
                .map(row -> row.get(field))
                .filter(Objects::nonNull)
                .toList();
        if (aggregate.fn() == Aggregate.Fn.COUNT) {
            return (long) values.size();
        }
        if (values.isEmpty()) {
            return null;
        }
        return switch (aggregate.fn()) {
            case SUM -> sum(values);
            case AVG -> sum(values).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
            case MIN -> values.stream().min(MemoryRows::compare).orElseThrow();
            case MAX -> values.stream().max(MemoryRows::compare).orElseThrow();
            case COUNT -> throw new IllegalStateException("counted above");
        };
    }

    private static BigDecimal sum(List<Object> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object value : values) {
            sum = sum.add(new BigDecimal(value.toString()));
        }
        return sum;
    }

    private static Comparator<Map<String, Object>> order(Aggregate aggregate, List<Sort> orderBy) {
        List<Sort> sorts = new ArrayList<>(orderBy);
        Set<String> used = new LinkedHashSet<>();
        orderBy.forEach(sort -> used.add(sort.field()));
        aggregate.groupBy().stream().filter(used::add).forEach(name -> sorts.add(Sort.ascending(name)));
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (Sort sort : sorts) {
            Comparator<Map<String, Object>> byField = (a, b) -> nullsFirst(a.get(sort.field()), b.get(sort.field()));
            order = order.thenComparing(sort.descending() ? byField.reversed() : byField);
        }
        return order;
    }

    private static int nullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return MemoryRows.compare(a, b);
    }
}
