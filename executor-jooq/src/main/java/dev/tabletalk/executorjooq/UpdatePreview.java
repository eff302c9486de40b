package dev.tabletalk.executorjooq;

import static dev.tabletalk.executorjooq.UpdateRules.capExceeded;
import static dev.tabletalk.executorjooq.UpdateRules.noMatchingRows;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.RowRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The preview of a validated update: counts the matching rows of the caller's tenant against the
 * role's cap (invariant 5), reads them in key order, checks the references the change would set, and
 * shows each row before and after. Nothing is written; the snapshot holds the keys and a hash of the
 * values that the confirm must find unchanged.
 */
final class UpdatePreview {

    private final TargetDatabase database;
    private final ExecutorConfig config;
    private final ConstraintChecks checks;

    UpdatePreview(TargetDatabase database, ExecutorConfig config, ConstraintChecks checks) {
        this.database = database;
        this.config = config;
        this.checks = checks;
    }

    PreviewOutcome run(PlanOpening.Opened<UpdatePlan> opened, UserContext user) {
        UpdatePlan update = opened.plan();
        Entity entity = opened.entity();
        EntityCatalog entities = opened.entities();
        TenantScope scope = opened.scope();
        UpdateRules.checkUpdatable(entity, update);
        int cap = config.rolePolicy().maxAffectedRows(user.role(), config.limits());
        // INV-7: another tenant's row answers exactly like a missing one
        Condition where = Sql.filters(entity, update.filters(), opened.links())
                .and(scope.condition(entity))
                // soft-deleted rows are left alone, except by a restore, which reaches only them
                .and(SoftDeleteScope.condition(entity, update));
        List<Column> snapshotColumns = UpdateRules.snapshotColumns(entity);
        // the columns the role's row rules name beyond the snapshot's, read after them only to check the rules
        List<Column> fetched = new ArrayList<>(snapshotColumns);
        for (String field : RoleGrant.ruleFields(scope.rowRules(entity))) {
            entity.column(field).filter(c -> !fetched.contains(c)).ifPresent(fetched::add);
        }
        List<Column> shown = previewColumns(entity, update);
        Result<Record> rows = database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
            // INV-5: selectivity is checked by counting, whatever the filter looks like
            int count = db.fetchCount(Sql.table(entity), where);
            if (count > cap) {
                throw new RefusalSignal(capExceeded(count, cap));
            }
            if (count == 0) {
                throw new RefusalSignal(noMatchingRows(update.entity()));
            }
            Result<Record> matched = db.select(Sql.fields(fetched))
                    .from(Sql.table(entity))
                    .where(where)
                    .orderBy(Sql.keyOrder(entity))
                    .limit(cap + 1)
                    .fetch();
            checks.references(
                    db,
                    entities,
                    entity,
                    UpdateRules.rowsAfter(matched, snapshotColumns, update, scope, entity),
                    update.changes().keySet(),
                    scope);
            // the rows as the change would leave them must still meet the role's row rules (like Hasura's check)
            for (Map<String, Object> after : UpdateRules.rowsAfter(matched, fetched, update, scope, entity)) {
                if (RowRules.holds(scope.rowRules(entity), after).equals(Optional.of(false))) {
                    throw new RefusalSignal(CreatePreview.outsideRowRules(scope, update.entity(), Intent.UPDATE));
                }
            }
            return matched;
        });
        if (rows.size() > cap) {
            return new PreviewOutcome.Refused(capExceeded(rows.size(), cap));
        }
        if (rows.isEmpty()) {
            return new PreviewOutcome.Refused(noMatchingRows(update.entity()));
        }
        List<RowChange> changes = new ArrayList<>();
        List<RowKey> keys = new ArrayList<>();
        for (Record record : rows) {
            RowKey key = RowValues.key(record, entity, snapshotColumns);
            keys.add(key);
            Map<String, Object> before = RowValues.shown(record, shown, snapshotColumns);
            Map<String, Object> after = new LinkedHashMap<>(before);
            update.changes().forEach((name, value) -> {
                Column column = entity.column(name).orElseThrow();
                after.put(name, column.isMasked() ? Masker.mask(value) : RowValues.plain(value));
            });
            changes.add(new RowChange(Optional.of(key), before, after));
        }
        Preview preview = new Preview(
                Intent.UPDATE,
                update.entity(),
                changes,
                List.copyOf(update.changes().keySet()));
        return new PreviewOutcome.Ready(
                preview, new PreviewSnapshot(update, keys, UpdateRules.hash(rows, snapshotColumns)));
    }

    private static List<Column> previewColumns(Entity entity, UpdatePlan update) {
        Set<String> names = new LinkedHashSet<>(entity.primaryKey());
        names.addAll(
                entity.form().readNames().isEmpty()
                        ? Sql.names(entity.visibleColumns())
                        : entity.form().readNames());
        names.addAll(update.changes().keySet());
        List<Column> columns = new ArrayList<>();
        for (Column column : entity.columns()) {
            if (names.contains(column.name()) && !column.isHidden()) {
                columns.add(column);
            }
        }
        return columns;
    }
}
