package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.RowRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The preview of a validated create: the row to insert (the tenant column forced from the caller's
 * identity), checked against unique keys and references in a read-only transaction, shown with
 * masks and placeholders for generated and default values. Nothing is written.
 */
final class CreatePreview {

    private final TargetDatabase database;
    private final ConstraintChecks checks;

    CreatePreview(TargetDatabase database, ConstraintChecks checks) {
        this.database = database;
        this.checks = checks;
    }

    PreviewOutcome.Ready run(PlanOpening.Opened<CreatePlan> opened) {
        CreatePlan create = opened.plan();
        Entity entity = opened.entity();
        EntityCatalog entities = opened.entities();
        TenantScope scope = opened.scope();
        Map<String, Object> row = rowToInsert(entity, create, scope);
        database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
            checks.unique(db, entity, row);
            checks.references(db, entities, entity, List.of(row), ConstraintChecks.allColumns(entity), scope);
            return Boolean.TRUE;
        });
        Map<String, Object> shown = new LinkedHashMap<>();
        for (Column column : entity.visibleColumns()) {
            Object value;
            if (row.containsKey(column.name())) {
                Object plain = row.get(column.name());
                value = column.isMasked() ? Masker.mask(plain) : plain;
            } else if (column.generation().isGenerated()) {
                value = Placeholder.GENERATED;
            } else if (column.hasDefault()) {
                value = Placeholder.DATABASE_DEFAULT;
            } else {
                value = null;
            }
            shown.put(column.name(), value);
        }
        Preview preview = new Preview(
                Intent.CREATE,
                create.entity(),
                List.of(RowChange.insert(shown)),
                List.copyOf(create.values().keySet()));
        return new PreviewOutcome.Ready(preview, new PreviewSnapshot(create, List.of(), RowValues.hash(List.of(row))));
    }

    /** The validated values plus the tenant column from the caller's identity; refuses missing fields. */
    static Map<String, Object> rowToInsert(Entity entity, CreatePlan create, TenantScope scope) {
        if (!entity.hasPrimaryKey()) {
            throw new RefusalSignal(
                    Refusal.of(RefusalCode.ENTITY_READ_ONLY, Wording.entityReadOnly(create.entity(), Intent.CREATE)));
        }
        List<String> missing = PlanValidator.missingRequired(entity, create.values());
        if (!missing.isEmpty()) {
            throw new RefusalSignal(Refusal.of(
                    RefusalCode.MISSING_REQUIRED_FIELD,
                    "To add to " + create.entity() + ", also say: " + String.join(", ", missing) + "."));
        }
        Map<String, Object> row = new LinkedHashMap<>(create.values());
        // INV-7: the tenant column comes from the verified identity only
        scope.forcedTenant(entity).ifPresent(t -> row.put(t.column().name(), t.value()));
        // the role's row rules bind the new row too (like Hasura's check); a column left to its default is
        // not known yet, so the confirm checks the written row in the database as well
        if (RowRules.holds(scope.rowRules(entity), row).equals(Optional.of(false))) {
            throw new RefusalSignal(outsideRowRules(scope, create.entity(), Intent.CREATE));
        }
        return row;
    }

    /** The refusal of a write whose resulting row falls outside the role's row rules; their values are not said. */
    static Refusal outsideRowRules(TenantScope scope, String reference, Intent intent) {
        return Refusal.of(RefusalCode.OUTSIDE_ROW_RULES, Wording.outsideRowRules(scope.role(), reference, intent));
    }
}
