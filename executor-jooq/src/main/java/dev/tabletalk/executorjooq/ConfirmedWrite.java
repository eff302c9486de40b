package dev.tabletalk.executorjooq;

import static dev.tabletalk.executorjooq.UpdateRules.capExceeded;
import static dev.tabletalk.executorjooq.UpdateRules.noMatchingRows;
import static dev.tabletalk.executorjooq.UpdateRules.rowsChanged;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A confirmed write: the insert or update of a previewed, revalidated plan, in one write transaction
 * that checks the rows are exactly as previewed (locking them where the database can), checks the
 * references again, writes only the previewed keys (invariant 5) and passes the commit gate before it
 * commits. When the commit's outcome is unknown, {@link CommitCheck} looks at the database to tell.
 */
final class ConfirmedWrite {

    private final TargetDatabase database;
    private final ExecutorConfig config;
    private final ConstraintChecks checks;

    ConfirmedWrite(TargetDatabase database, ExecutorConfig config, ConstraintChecks checks) {
        this.database = database;
        this.config = config;
        this.checks = checks;
    }

    CommitOutcome run(PlanOpening.Opened<Plan> opened, PreviewSnapshot preview, UserContext user, CommitGate gate) {
        Plan plan = opened.plan();
        if (plan instanceof CreatePlan create) {
            return insert(create, opened.entity(), opened.entities(), preview, opened.scope(), gate);
        }
        if (plan instanceof UpdatePlan update) {
            return update(update, opened.entity(), opened.entities(), preview, opened.scope(), user, gate);
        }
        throw new RefusalSignal(
                Refusal.of(RefusalCode.NO_PENDING_PREVIEW, "Only a previewed change can be confirmed."));
    }

    /**
     * What the database holds now of the write of {@code preview}: the same check as after a lost commit's
     * answer, for a confirm sent again by a person who did not get the first one's.
     */
    CommitOutcome.Unknown check(PlanOpening.Opened<Plan> opened, PreviewSnapshot preview) {
        Entity entity = opened.entity();
        TenantScope scope = opened.scope();
        if (opened.plan() instanceof CreatePlan create) {
            Map<String, Object> row = CreatePreview.rowToInsert(entity, create, scope);
            return new CommitCheck(database).afterCreate(entity, row, scope.condition(entity));
        }
        if (opened.plan() instanceof UpdatePlan update) {
            return new CommitCheck(database)
                    .afterUpdate(
                            entity,
                            checkedKeys(entity, preview.keys()),
                            update.changes(),
                            scope.condition(entity),
                            UpdateRules.snapshotColumns(entity),
                            preview.valuesHash());
        }
        throw new RefusalSignal(
                Refusal.of(RefusalCode.NO_PENDING_PREVIEW, "Only a previewed change can be confirmed."));
    }

    private CommitOutcome insert(
            CreatePlan create,
            Entity entity,
            EntityCatalog entities,
            PreviewSnapshot preview,
            TenantScope scope,
            CommitGate gate) {
        Map<String, Object> row = CreatePreview.rowToInsert(entity, create, scope);
        if (!preview.keys().isEmpty() || !RowValues.hash(List.of(row)).equals(preview.valuesHash())) {
            throw new RefusalSignal(rowsChanged());
        }
        List<Column> key = Sql.primaryKey(entity);
        try {
            return inserted(entity, entities, row, key, scope, gate);
        } catch (TargetDatabase.CommitUnknown lost) {
            // the key the database returned before the commit finds the row even when it is generated
            Map<String, Object> written = new LinkedHashMap<>(row);
            lost.approved()
                    .flatMap(approved -> approved.keys().stream().findFirst())
                    .ifPresent(generated -> generated.values().forEach(written::putIfAbsent));
            return new CommitCheck(database).afterCreate(entity, written, scope.condition(entity));
        }
    }

    private CommitOutcome.Committed inserted(
            Entity entity,
            EntityCatalog entities,
            Map<String, Object> row,
            List<Column> key,
            TenantScope scope,
            CommitGate gate) {
        return database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            // the parents may have moved or gone since the preview
            checks.references(db, entities, entity, List.of(row), ConstraintChecks.allColumns(entity), scope);
            Table<Record> table = Sql.table(entity);
            Record generated = db.insertInto(table)
                    .set(Sql.assignments(entity, row))
                    .returningResult(Sql.fields(key))
                    .fetchOne();
            Map<String, Object> keyValues = new LinkedHashMap<>();
            for (Column column : key) {
                Object value = row.containsKey(column.name())
                        ? row.get(column.name())
                        : generated == null ? null : RowValues.plain(generated, key.indexOf(column));
                if (value == null) {
                    throw new IllegalStateException("the database returned no key for the new row");
                }
                keyValues.put(column.name(), value);
            }
            RowKey written = RowKey.of(keyValues);
            // the role's row rules bind the row as the database wrote it (defaults included), or nothing is written
            if (!meetsRowRules(db, entity, List.of(written), scope)) {
                throw new RefusalSignal(
                        CreatePreview.outsideRowRules(scope, entities.referenceOf(entity), Intent.CREATE));
            }
            CommitOutcome.Committed committed = new CommitOutcome.Committed(1, List.of(written));
            passGate(gate, committed, attempt);
            return committed;
        });
    }

    private CommitOutcome update(
            UpdatePlan update,
            Entity entity,
            EntityCatalog entities,
            PreviewSnapshot preview,
            TenantScope scope,
            UserContext user,
            CommitGate gate) {
        UpdateRules.checkUpdatable(entity, update);
        int cap = config.rolePolicy().maxAffectedRows(user.role(), config.limits());
        List<RowKey> keys = checkedKeys(entity, preview.keys());
        if (keys.isEmpty()) {
            throw new RefusalSignal(noMatchingRows(update.entity()));
        }
        if (keys.size() > cap) {
            throw new RefusalSignal(capExceeded(keys.size(), cap));
        }
        try {
            return updated(update, entity, entities, preview, scope, cap, keys, gate);
        } catch (TargetDatabase.CommitUnknown lost) {
            return new CommitCheck(database)
                    .afterUpdate(
                            entity,
                            keys,
                            update.changes(),
                            scope.condition(entity),
                            UpdateRules.snapshotColumns(entity),
                            preview.valuesHash());
        }
    }

    private CommitOutcome.Committed updated(
            UpdatePlan update,
            Entity entity,
            EntityCatalog entities,
            PreviewSnapshot preview,
            TenantScope scope,
            int cap,
            List<RowKey> keys,
            CommitGate gate) {
        Table<Record> table = Sql.table(entity);
        Condition filters = Sql.filters(entity, update.filters(), new RelatedRows(entities, scope))
                .and(scope.condition(entity))
                .and(SoftDeleteScope.condition(entity, update));
        List<Column> snapshotColumns = UpdateRules.snapshotColumns(entity);
        List<Column> pk = Sql.primaryKey(entity);
        return database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            if (!database.dialect().supportsRowLocks()) {
                // SQLite: take the database write lock first (BEGIN IMMEDIATE semantics); matches no row
                Field<String> first = DSL.field(DSL.name(pk.get(0).name()), String.class);
                db.update(table).set(first, first).where(DSL.falseCondition()).execute();
            }
            var select = db.select(Sql.fields(snapshotColumns))
                    .from(table)
                    .where(filters)
                    .orderBy(Sql.keyOrder(entity))
                    .limit(cap + 1);
            Result<Record> current =
                    database.dialect().supportsRowLocks() ? select.forUpdate().fetch() : select.fetch();
            List<RowKey> currentKeys = new ArrayList<>();
            for (Record record : current) {
                currentKeys.add(RowValues.key(record, entity, snapshotColumns));
            }
            // the same rows (none gone, none new) with the same values, or nothing happens
            if (!currentKeys.equals(keys)
                    || !UpdateRules.hash(current, snapshotColumns).equals(preview.valuesHash())) {
                throw new RefusalSignal(rowsChanged());
            }
            checks.references(
                    db,
                    entities,
                    entity,
                    UpdateRules.rowsAfter(current, snapshotColumns, update, scope, entity),
                    update.changes().keySet(),
                    scope);
            // INV-5: only the previewed keys, and still only where the filters and the tenant hold
            int affected = db.update(table)
                    .set(Sql.assignments(entity, update.changes()))
                    .where(Sql.keyIn(entity, keys))
                    .and(filters)
                    .execute();
            if (affected != keys.size()) {
                throw new RefusalSignal(rowsChanged());
            }
            // the changed rows must still meet the role's row rules, or nothing is changed
            if (!meetsRowRules(db, entity, keys, scope)) {
                throw new RefusalSignal(CreatePreview.outsideRowRules(scope, update.entity(), Intent.UPDATE));
            }
            CommitOutcome.Committed committed = new CommitOutcome.Committed(affected, keys);
            passGate(gate, committed, attempt);
            return committed;
        });
    }

    /**
     * Whether every row of {@code keys}, as this transaction wrote it, meets the role's row rules on {@code entity}:
     * counted in the database, so defaults, triggers and the database's own comparisons all count. No statement
     * when the role has no rules there.
     */
    private static boolean meetsRowRules(DSLContext db, Entity entity, List<RowKey> keys, TenantScope scope) {
        if (scope.rowRules(entity).isEmpty()) {
            return true;
        }
        int meeting = db.fetchCount(Sql.table(entity), Sql.keyIn(entity, keys).and(scope.rulesCondition(entity)));
        return meeting == keys.size();
    }

    /** The snapshot's keys with values coerced to the key columns' types; anything odd counts as changed. */
    private static List<RowKey> checkedKeys(Entity entity, List<RowKey> keys) {
        List<Column> pk = Sql.primaryKey(entity);
        List<RowKey> checked = new ArrayList<>();
        for (RowKey key : keys) {
            if (key.values().size() != pk.size()) {
                throw new RefusalSignal(rowsChanged());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Column column : pk) {
                if (!key.values().containsKey(column.name()) || key.values().get(column.name()) == null) {
                    throw new RefusalSignal(rowsChanged());
                }
                Coerced coerced = ValueCoercion.fromPlan(column, key.values().get(column.name()));
                if (!(coerced instanceof Coerced.Value value) || value.value() == null) {
                    throw new RefusalSignal(rowsChanged());
                }
                values.put(column.name(), RowValues.plain(value.value()));
            }
            checked.add(RowKey.of(values));
        }
        return checked;
    }

    private static void passGate(CommitGate gate, CommitOutcome.Committed committed, TargetDatabase.Attempt attempt) {
        attempt.markGateCalled(committed);
        try {
            gate.beforeCommit(committed);
        } catch (RuntimeException e) {
            throw new TargetDatabase.GateFailure(e);
        }
    }
}
