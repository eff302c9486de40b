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
import java.util.LinkedHashSet;
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
        Condition where = Sql.filters(entity, read.filters(), opened.links())
                .and(opened.scope().condition(entity))
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
        List<Column> shown = shownColumns(entity, read.fields());
        // #13: beside each shown foreign key, the label of the row it points at, if the caller may read that row
        LabelFields labels = new LabelFields(
                entity,
                ForeignKeyLabels.of(
                        opened.entities(),
                        entity,
                        Sql.names(shown),
                        parent -> validator.mayRead(parent, opened.entities(), user)),
                opened.scope());
        Optional<List<Column>> keyset = KeysetSeek.columns(entity, read);
        // the label parts and the position's columns are read beside the shown ones, never shown themselves
        List<Column> fetched = new ArrayList<>(shown);
        keyset.ifPresent(columns ->
                columns.stream().filter(column -> !fetched.contains(column)).forEach(fetched::add));
        List<Field<?>> selected = new ArrayList<>(Sql.fields(fetched));
        selected.addAll(labels.fields());
        fetched.addAll(labels.readers());
        return database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
            // "show more": only rows after the last one shown, in the database's own NULL order, inside the scopes
            Condition seek = read.after()
                    .map(after -> KeysetSeek.after(entity, read.orderBy(), after, KeysetSeek.nullsHigh(db.dialect())))
                    .orElse(DSL.noCondition());
            SelectForUpdateStep<Record> select = db.select(selected)
                    .from(Sql.table(entity))
                    .where(where.and(seek))
                    .orderBy(order(entity, read.orderBy()))
                    .limit(cap + 1)
                    .offset(read.offset());
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

    private static List<Column> shownColumns(Entity entity, List<String> fields) {
        List<String> names = !fields.isEmpty()
                ? fields
                : !entity.form().readNames().isEmpty() ? entity.form().readNames() : Sql.names(entity.visibleColumns());
        List<Column> columns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            // INV-6: hidden columns are never selected, whatever the plan or the form says
            entity.column(name).filter(c -> !c.isHidden()).ifPresent(columns::add);
        }
        if (columns.isEmpty()) {
            throw new RefusalSignal(
                    Refusal.of(RefusalCode.UNKNOWN_FIELD, "There is nothing to show for " + entity.name() + "."));
        }
        return columns;
    }

    /** The plan's order, then the primary key (or the first visible column without one). */
    private static List<OrderField<?>> order(Entity entity, List<Sort> sorts) {
        List<OrderField<?>> order = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Sort sort : sorts) {
            Column column = entity.column(sort.field())
                    .filter(c -> !c.isHidden() && !c.isMasked())
                    .orElseThrow(() -> new IllegalStateException("validated sort on a column that cannot be sorted"));
            order.add(KeysetSeek.sort(column, sort.descending()));
            used.add(column.name());
        }
        List<Column> tieBreak = entity.hasPrimaryKey()
                ? Sql.primaryKey(entity)
                : entity.visibleColumns().isEmpty()
                        ? List.of()
                        : List.of(entity.visibleColumns().get(0));
        for (Column column : tieBreak) {
            if (used.add(column.name())) {
                order.add(KeysetSeek.sort(column, false));
            }
        }
        return order;
    }
}
