package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The constraint pre-checks of a write, run inside its transaction so that a broken constraint is
 * refused in plain words before the database would reject it: unique keys (a create) and foreign-key
 * references to rows the caller may see (a create or an update, at preview and again at confirm).
 */
final class ConstraintChecks {

    private final String tenantColumn;

    ConstraintChecks(String tenantColumn) {
        this.tenantColumn = Objects.requireNonNull(tenantColumn, "tenantColumn");
    }

    /** What a create touches: every column, set or left to NULL or its default. */
    static Set<String> allColumns(Entity entity) {
        Set<String> names = new LinkedHashSet<>();
        entity.columns().forEach(column -> names.add(column.name()));
        return names;
    }

    /** Refuses {@code row} when a row with the same primary key or unique key values exists. */
    void unique(DSLContext db, Entity entity, Map<String, Object> row) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(entity.primaryKey());
        keys.addAll(entity.uniqueKeys());
        for (List<String> key : keys) {
            if (key.isEmpty() || !key.stream().allMatch(name -> row.get(name) != null)) {
                continue;
            }
            List<Condition> conditions = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (String name : key) {
                Column column = entity.column(name).orElseThrow();
                conditions.add(Sql.field(column).eq(Sql.value(column, row.get(name))));
                if (!column.name().equalsIgnoreCase(tenantColumn) && !column.isHidden()) {
                    described.add(column.name() + " "
                            + ValueText.quote(column.isMasked() ? Masker.mask(row.get(name)) : row.get(name)));
                }
            }
            if (db.fetchExists(Sql.table(entity), DSL.and(conditions))) {
                throw new RefusalSignal(Refusal.of(
                        RefusalCode.UNIQUE_VIOLATION,
                        "There is already a row in "
                                + entity.name()
                                + (described.isEmpty()
                                        ? " with these values"
                                        : " with " + String.join(" and ", described))
                                + ". Use a different value."));
            }
        }
    }

    /**
     * Every foreign key that the write sets must point at a row the caller may see (INV-7): the parent must
     * exist and be in the caller's scope, and "another tenant's row" answers exactly like "no such row", at
     * preview and again at confirm (SQLite enforces no foreign keys, so this is also what keeps it from
     * dangling references). On a {@code via} entity the keys that tie a row to its tenant may not be empty.
     *
     * @param rows the values each written row will have (for an update: before plus changes)
     * @param touched the columns the write sets
     */
    void references(
            DSLContext db,
            EntityCatalog entities,
            Entity entity,
            List<Map<String, Object>> rows,
            Set<String> touched,
            TenantScope scope) {
        Set<ForeignKey> tenantKeys = new LinkedHashSet<>();
        if (scope.tenancyOf(entity) instanceof Tenancy.Via via) {
            via.paths().forEach(path -> tenantKeys.add(path.firstKey()));
        }
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().stream().noneMatch(touched::contains)
                    || key.columns().stream().allMatch(name -> name.equalsIgnoreCase(tenantColumn))) {
                continue;
            }
            Set<List<Object>> checked = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                key.columns().forEach(name -> values.add(row.get(name)));
                if (values.contains(null)) {
                    if (tenantKeys.contains(key)) {
                        throw new RefusalSignal(Refusal.of(
                                RefusalCode.MISSING_REQUIRED_FIELD,
                                String.join(", ", key.columns())
                                        + " cannot be empty: it ties each " + entities.referenceOf(entity)
                                        + " row to your data. Give an existing one."));
                    }
                    continue;
                }
                if (checked.add(values)) {
                    requireVisibleParent(db, entities, entity, key, values, scope);
                }
            }
        }
    }

    private void requireVisibleParent(
            DSLContext db,
            EntityCatalog entities,
            Entity entity,
            ForeignKey key,
            List<Object> values,
            TenantScope scope) {
        Optional<Entity> target = entities.target(entity, key);
        if (target.isEmpty()) {
            return; // not in the catalog: only the database can check it
        }
        Entity parent = target.get();
        List<Condition> conditions = new ArrayList<>();
        Optional<Condition> reachable = scope.reachable(parent);
        boolean found = reachable.isPresent();
        for (int i = 0; i < key.columns().size() && found; i++) {
            Optional<Column> column = parent.column(key.targetColumns().get(i));
            if (column.isEmpty()) {
                found = false;
            } else {
                Coerced coerced = ValueCoercion.fromPlan(column.get(), values.get(i));
                conditions.add(Sql.field(column.get())
                        .eq(Sql.value(
                                column.get(), coerced instanceof Coerced.Value value ? value.value() : values.get(i))));
            }
        }
        // G2: a row of another tenant does not exist for this caller
        if (found && db.fetchExists(Sql.table(parent), DSL.and(conditions).and(reachable.get()))) {
            return;
        }
        String shownValues = values.stream()
                .map(ValueText::quote)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        String message = parent.exposure().isVisible()
                        && key.targetColumns().stream()
                                .allMatch(c -> parent.column(c)
                                        .map(col -> !col.isHidden())
                                        .orElse(false))
                ? "There is no " + entities.referenceOf(parent) + " with " + String.join(", ", key.targetColumns())
                        + " " + shownValues + ". Check the " + String.join(", ", key.columns()) + "."
                : String.join(", ", key.columns()) + " " + shownValues + " does not refer to an existing row.";
        throw new RefusalSignal(Refusal.of(RefusalCode.FOREIGN_KEY_VIOLATION, message));
    }
}
