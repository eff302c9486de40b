package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.AggregateFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectConditionStep;
import org.jooq.SelectForUpdateStep;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SELECT of a validated aggregate: the group columns and one aggregate function over the rows the
 * plan's conditions and the caller's tenant scope let through, grouped, ordered by the plan and then by the
 * group columns, capped like any read (the cap counts groups). Catalog identifiers and bound values only.
 */
final class AggregateQuery {

    private final Entity entity;
    private final Aggregate aggregate;
    private final List<Column> groups;
    private final String key;
    private final AggregateFunction<?> function;

    AggregateQuery(Entity entity, Aggregate aggregate) {
        this.entity = entity;
        this.aggregate = aggregate;
        this.groups = new ArrayList<>();
        for (String name : aggregate.groupBy()) {
            groups.add(column(name));
        }
        this.key = aggregate.outputKey(Sql.names(entity.visibleColumns()));
        this.function = function();
    }

    /** The statement: {@code where} holds the plan's conditions and the tenant scope, ANDed. */
    SelectForUpdateStep<Record> select(DSLContext db, Condition where, List<Sort> orderBy, int cap, int offset) {
        List<Field<?>> fields = new ArrayList<>(Sql.fields(groups));
        fields.add(function.as(key));
        SelectConditionStep<Record> filtered =
                db.select(fields).from(Sql.table(entity)).where(where);
        // without group columns there is no GROUP BY at all: an empty GROUP BY () gives no row on some databases
        SelectHavingStep<Record> grouped = groups.isEmpty() ? filtered : filtered.groupBy(Sql.fields(groups));
        var limited = grouped.orderBy(order(orderBy)).limit(cap + 1);
        // the first page has no OFFSET clause at all
        return offset > 0 ? limited.offset(offset) : limited;
    }

    /** The groups fetched, at most {@code cap} of them, keyed by group column and output key. */
    RowSet rows(Result<Record> result, int cap) {
        List<String> columns = new ArrayList<>(Sql.names(groups));
        columns.add(key);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(cap, result.size()); i++) {
            Record record = result.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), RowValues.plain(record, c));
            }
            rows.add(row);
        }
        return new RowSet(columns, rows, result.size() > cap);
    }

    private AggregateFunction<?> function() {
        if (aggregate.field().isEmpty()) {
            return DSL.count();
        }
        Column column = column(aggregate.field().get());
        Field<BigDecimal> number = DSL.field(DSL.name(column.name()), SQLDataType.NUMERIC);
        return switch (aggregate.fn()) {
            case COUNT -> DSL.count(Sql.field(column));
            case SUM -> DSL.sum(number);
            case AVG -> DSL.avg(number);
            case MIN -> DSL.min(Sql.field(column));
            case MAX -> DSL.max(Sql.field(column));
        };
    }

    private List<OrderField<?>> order(List<Sort> orderBy) {
        List<OrderField<?>> order = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Sort sort : orderBy) {
            Field<?> field = sort.field().equals(key) ? function : Sql.field(column(sort.field()));
            order.add(sort.descending() ? field.desc() : field.asc());
            used.add(sort.field());
        }
        for (Column group : groups) {
            if (used.add(group.name())) {
                order.add(Sql.field(group).asc());
            }
        }
        return order;
    }

    private Column column(String name) {
        return entity.column(name)
                .filter(c -> !c.isHidden() && !c.isMasked())
                .orElseThrow(() -> new IllegalStateException("validated aggregate on a column that cannot be used"));
    }
}
