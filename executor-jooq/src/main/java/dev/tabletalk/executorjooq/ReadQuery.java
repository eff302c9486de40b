package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Explain;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.DSL;

/**
 * A validated read: one SELECT of the shown columns (never a hidden one), or of an aggregate's groups
 * ({@link AggregateQuery}), narrowed to the caller's
 * tenant, in a stable order, from the plan's offset, capped by the row limits, behind the optional EXPLAIN cost gate, in a
 * read-only transaction.
 */
final class ReadQuery {

    private final TargetDatabase database;
    private final ExecutorConfig config;
    private final PlanValidator validator;

    ReadQuery(TargetDatabase database, ExecutorConfig config) {
        this.database = database;
        this.config = config;
        this.validator = new PlanValidator(config.limits(), config.rolePolicy(), config.readOnlyMode());
    }

    ReadOutcome.Rows run(PlanOpening.Opened<ReadPlan> opened, UserContext user) {
        ReadPlan read = opened.plan();
        Entity entity = opened.entity();
        Limits limits = config.limits();
        // INV-3: never more than the configured cap, and never more than the hard cap (groups count as rows)
        int cap = Math.min(
                Math.min(limits.maxRows(), Limits.HARD_MAX_ROWS),
                read.limit().isPresent() ? limits.effectiveRowLimit(read.limit().getAsInt()) : limits.maxRows());
        // INV-7: only the caller's rows, directly or through every foreign-key path to a tenant table
        // no filters: no condition of their own (never "true and ..." in the SQL a DBA reads)
        Condition filters =
                read.filters().isEmpty() ? DSL.noCondition() : Sql.filters(entity, read.filters(), opened.links());
        Condition where = filters.and(opened.scope().condition(entity))
                // soft-deleted rows only when the plan asks for them
                .and(SoftDeleteScope.condition(entity, read.deleted()));
        if (read.aggregate().isPresent()) {
            AggregateQuery aggregate =
                    new AggregateQuery(entity, read.aggregate().get());
            return database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                SelectForUpdateStep<Record> select = aggregate.select(db, where, read.orderBy(), cap, read.offset());
                costGate(db, select);
                return new ReadOutcome.Rows(aggregate.rows(select.fetch(), cap));
            });
        }
        EntitySql sql = opened.sql();
        List<Column> shown = shownColumns(sql, read.fields());
        // #13: beside each shown foreign key, the label of the row it points at, if the caller may read that row
        List<ForeignKeyLabels.Label> labelList = entity.foreignKeys().isEmpty()
                ? List.of()
                : ForeignKeyLabels.of(
                        opened.entities(),
                        entity,
                        Sql.names(shown),
                        parent -> validator.mayRead(parent, opened.entities(), user));
        LabelFields labels = new LabelFields(entity, labelList, opened.scope());
        Optional<List<Column>> keyset = KeysetSeek.columns(entity, read);
        // the label parts and the position's columns are read beside the shown ones, never shown themselves
        List<Column> fetched = new ArrayList<>(shown.size() + 4);
        fetched.addAll(shown);
        keyset.ifPresent(columns -> {
            for (Column column : columns) {
                if (!fetched.contains(column)) {
                    fetched.add(column);
                }
            }
        });
        List<Field<?>> selected = sql.fields(fetched);
        selected.addAll(labels.fields());
        fetched.addAll(labels.readers());
        return database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
            // "show more": only rows after the last one shown, in the database's own NULL order, inside the scopes
            Condition seek = read.after()
                    .map(after -> KeysetSeek.after(entity, read.orderBy(), after, KeysetSeek.nullsHigh(db.dialect())))
                    .orElse(DSL.noCondition());
            var limited = db.select(selected)
                    .from(sql.table())
                    .where(where.and(seek))
                    .orderBy(order(sql, read.orderBy()))
                    .limit(cap + 1);
            // the first page has no OFFSET clause at all
            SelectForUpdateStep<Record> select = read.offset() > 0 ? limited.offset(read.offset()) : limited;
            costGate(db, select);
            FetchedRows rows = database.readsColumnsDirectly() && DirectRows.supports(fetched)
                    ? DirectRows.fetch(select, fetched, cap)
                    : FetchedRows.of(select.fetch(), fetched, cap);
            RowSet visible = labels.attach(rows, shown);
            // a row's position is worked out only if it is asked for: the engine keeps the last shown row's
            return keyset.map(columns -> ReadOutcome.Rows.positioned(visible, rows.positions(columns)))
                    .orElseGet(() -> new ReadOutcome.Rows(visible));
        });
    }

    private void costGate(DSLContext db, Select<?> select) {
        if (config.maxQueryCost().isEmpty() || !database.supportsCostGate()) {
            return;
        }
        Explain explain = StatementGuard.allowingExplain(() -> db.explain(select));
        double measure = Double.isNaN(explain.cost()) ? explain.rows() : explain.cost();
        if (measure > config.maxQueryCost().getAsDouble()) {
            throw new RefusalSignal(
                    Refusal.of(
                            RefusalCode.COST_TOO_HIGH,
                            "That search would have to look through too"
                                    + " much data. Narrow it down, for example with an exact id, an exact status or a date range."));
        }
    }

    private static List<Column> shownColumns(EntitySql sql, List<String> fields) {
        // INV-6: hidden columns are never selected, whatever the plan or the form says
        List<Column> columns = sql.shown(fields);
        if (columns.isEmpty()) {
            throw new RefusalSignal(Refusal.of(
                    RefusalCode.UNKNOWN_FIELD,
                    "There is nothing to show for " + sql.entity().name() + "."));
        }
        return columns;
    }

    /** The plan's order, then the primary key (or the first visible column without one). */
    private static List<OrderField<?>> order(EntitySql sql, List<Sort> sorts) {
        List<Column> tieBreak = sql.tieBreak();
        List<OrderField<?>> order = new ArrayList<>(sorts.size() + tieBreak.size());
        Set<String> used = sorts.isEmpty() ? Set.of() : new HashSet<>();
        for (Sort sort : sorts) {
            Column column = sql.entity()
                    .column(sort.field())
                    .filter(c -> !c.isHidden() && !c.isMasked())
                    .orElseThrow(() -> new IllegalStateException("validated sort on a column that cannot be sorted"));
            order.add(KeysetSeek.sort(sql.field(column), sort.descending()));
            used.add(column.name());
        }
        for (Column column : tieBreak) {
            if (!used.contains(column.name())) {
                order.add(KeysetSeek.sort(sql.field(column), false));
            }
        }
        return order;
    }
}
