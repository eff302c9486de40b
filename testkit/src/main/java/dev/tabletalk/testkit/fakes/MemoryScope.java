package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.catalog.TenantPath;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.RowRules;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The stored rows one caller may reach, and the constraint checks of a write, in memory: the same
 * rules as the real executor's tenant scope and constraint pre-checks. {@code direct} entities compare
 * the tenant column with the caller's tenant, {@code via} entities follow every foreign-key path to a row
 * of the caller's tenant (a NULL key on any path is nobody's), {@code shared} ones are not narrowed and
 * {@code hidden} ones answer like names that do not exist. Used under the executor's lock only.
 */
final class MemoryScope {

    private final Map<String, List<Map<String, Object>>> tables;
    private final EntityCatalog entities;
    private final Tenancies tenancies;
    private final UserContext user;
    private final Predicate<Entity> readable;
    private final Optional<RoleGrant> grant;

    /**
     * @param readable whether the caller may read an entity of {@code entities} directly: whose rows may label a
     *     foreign key
     * @param grant the caller's role's grant, whose row rules narrow every entity as the tenant does
     */
    MemoryScope(
            Map<String, List<Map<String, Object>>> tables,
            EntityCatalog entities,
            String tenantColumn,
            UserContext user,
            Predicate<Entity> readable,
            Optional<RoleGrant> grant) {
        this.tables = tables;
        this.entities = entities;
        this.tenancies = entities.tenancies(tenantColumn);
        this.user = user;
        this.readable = readable;
        this.grant = grant;
    }

    /**
     * The row rules of the caller's role on {@code entity}, resolved for the caller, as the real executor resolves
     * them; a missing claim refuses.
     */
    List<dev.tabletalk.core.plan.Condition> rowRules(Entity entity) {
        if (grant.isEmpty() || grant.get().rowRules().isEmpty()) {
            return List.of();
        }
        RowRules.Resolution resolution = RowRules.resolve(
                grant.get().rowRulesOf(entity.name(), entity.qualifiedName()), entity, entity.name(), user);
        if (resolution instanceof RowRules.Resolution.Refused refused) {
            throw new MemoryRefusal(refused.refusal());
        }
        return ((RowRules.Resolution.Ready) resolution).rules();
    }

    /**
     * Refuses when {@code row}, as a write would leave it, falls outside the role's row rules: {@code complete} for a
     * row as stored (a rule that cannot be told then fails), else a preview's (a column not known yet passes).
     */
    void checkRowRules(Entity entity, Map<String, Object> row, String reference, Intent intent, boolean complete) {
        Optional<Boolean> holds = RowRules.holds(rowRules(entity), row);
        if (holds.equals(Optional.of(false)) || (complete && holds.isEmpty())) {
            throw new MemoryRefusal(
                    Refusal.of(RefusalCode.OUTSIDE_ROW_RULES, Wording.outsideRowRules(user.role(), reference, intent)));
        }
    }

    /**
     * Whether {@code row} of {@code entity} points, through the (validated) link, at a row of the entity it names
     * that the caller may reach, that is not soft-deleted and that matches the link's own conditions: the real
     * executor's {@code field IN (SELECT key FROM entity WHERE ... AND its scopes)}.
     */
    boolean links(Entity entity, Map<String, Object> row, Related related) {
        Entity target = entities.find(related.entity())
                .orElseThrow(() -> new IllegalStateException("validated link to an unknown entity"));
        ForeignKey key = entity.foreignKeys().stream()
                .filter(k -> k.columns().equals(List.of(related.field())))
                .filter(k -> entities.target(entity, k).filter(target::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("validated link without a foreign key"));
        Object value = row.get(related.field());
        if (value == null) {
            return false;
        }
        String targetColumn = key.targetColumns().get(0);
        for (Map<String, Object> parent : reachable(target)) {
            if (parent.get(targetColumn) != null
                    && MemoryRows.same(parent.get(targetColumn), value)
                    && MemorySoftDeletes.keeps(target, parent, DeletedRows.EXCLUDED)
                    && MemoryRows.matchesAll(parent, related.filters(), target, this)) {
                return true;
            }
        }
        return false;
    }

    /** The labels of a read of {@code entity} showing {@code shown}, as the real executor decides them. */
    List<ForeignKeyLabels.Label> labels(Entity entity, List<String> shown) {
        return ForeignKeyLabels.of(entities, entity, shown, readable);
    }

    /**
     * The label of the row {@code row}'s key points at: from a parent row the caller may reach and that is not
     * soft-deleted, else empty (another tenant's parent gives no label).
     */
    Optional<String> label(ForeignKeyLabels.Label label, Map<String, Object> row) {
        Object value = row.get(label.column());
        if (value == null) {
            return Optional.empty();
        }
        for (Map<String, Object> parent : reachable(label.parent())) {
            if (MemoryRows.same(parent.get(label.targetColumn()), value)
                    && MemorySoftDeletes.keeps(label.parent(), parent, DeletedRows.EXCLUDED)) {
                return ForeignKeyLabels.join(
                        label.labelColumns().stream().map(parent::get).toList());
            }
        }
        return Optional.empty();
    }

    /** The stored rows of {@code entity} (the live maps), whoever they belong to. */
    List<Map<String, Object>> stored(Entity entity) {
        String table = entity.exposure().isVisible() ? entities.referenceOf(entity) : entity.name();
        return tables.getOrDefault(table, List.of());
    }

    /** The stored rows of {@code entity} that the caller may reach (the live maps), in stored order. */
    List<Map<String, Object>> reachable(Entity entity) {
        Tenancy tenancy = tenancies.of(entity);
        if (tenancy instanceof Tenancy.Hidden && user.tenantId().isPresent()) {
            throw new MemoryRefusal(PlanValidator.unknownEntityRefusal(entity.name()));
        }
        if (tenancy instanceof Tenancy.Via) {
            requireTenant();
        }
        List<dev.tabletalk.core.plan.Condition> rules = rowRules(entity);
        List<Map<String, Object>> reached = new ArrayList<>();
        for (Map<String, Object> row : stored(entity)) {
            if (owns(entity, tenancy, row)
                    && (rules.isEmpty() || RowRules.holds(rules, row).orElse(false))) {
                reached.add(row);
            }
        }
        return reached;
    }

    private boolean owns(Entity entity, Tenancy tenancy, Map<String, Object> row) {
        if (tenancy instanceof Tenancy.Direct direct) {
            return MemoryRows.same(
                    row.get(direct.column()),
                    tenantValue(entity.column(direct.column()).orElseThrow()));
        }
        if (tenancy instanceof Tenancy.Via via) {
            return via.paths().stream().allMatch(path -> reaches(path, 0, row));
        }
        return true;
    }

    /** Whether the row, at hop {@code index} of the path, leads to a row of the caller's tenant. */
    private boolean reaches(TenantPath path, int index, Map<String, Object> row) {
        if (index == path.hops().size()) {
            Column tenant = Tenancies.tenantColumnOf(path.owner(), tenancies.tenantColumn())
                    .orElseThrow();
            return MemoryRows.same(row.get(tenant.name()), tenantValue(tenant));
        }
        TenantPath.Hop hop = path.hops().get(index);
        List<Object> values = hop.key().columns().stream().map(row::get).toList();
        if (values.contains(null)) {
            return false;
        }
        return stored(hop.to()).stream()
                .filter(parent -> sameValues(parent, hop.key().targetColumns(), values))
                .anyMatch(parent -> reaches(path, index + 1, parent));
    }

    private static boolean sameValues(Map<String, Object> row, List<String> columns, List<Object> values) {
        for (int i = 0; i < columns.size(); i++) {
            if (!MemoryRows.same(row.get(columns.get(i)), values.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The tenant column and the caller's tenant in its type, for a direct entity; empty for any other. */
    Optional<Map.Entry<String, Object>> forcedTenant(Entity entity) {
        if (!(tenancies.of(entity) instanceof Tenancy.Direct direct)) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(
                direct.column(), tenantValue(entity.column(direct.column()).orElseThrow())));
    }

    private Object tenantValue(Column column) {
        String tenant = requireTenant();
        Coerced coerced = ValueCoercion.fromText(column, tenant);
        if (!(coerced instanceof Coerced.Value value) || value.value() == null) {
            throw new MemoryRefusal(Refusal.of(
                    RefusalCode.TENANT_REQUIRED,
                    "Your identity's tenant is not valid here: ask an administrator to check it."));
        }
        return value.value();
    }

    private String requireTenant() {
        return user.tenantId()
                .orElseThrow(() -> new MemoryRefusal(
                        Refusal.of(RefusalCode.TENANT_REQUIRED, Wording.tenantRequired("These rows"))));
    }

    // ============================================================== constraint checks

    /** Refuses {@code row} when a stored row has the same primary key or unique key values. */
    void unique(Entity entity, Map<String, Object> row) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(entity.primaryKey());
        keys.addAll(entity.uniqueKeys());
        for (List<String> key : keys) {
            if (key.isEmpty() || !key.stream().allMatch(name -> row.get(name) != null)) {
                continue;
            }
            List<Object> values = key.stream().map(row::get).toList();
            if (stored(entity).stream().anyMatch(other -> sameValues(other, key, values))) {
                List<String> described = new ArrayList<>();
                for (String name : key) {
                    Column column = entity.column(name).orElseThrow();
                    if (!name.equalsIgnoreCase(tenancies.tenantColumn()) && !column.isHidden()) {
                        described.add(name + " " + quote(MemoryRows.shown(column, row.get(name))));
                    }
                }
                throw new MemoryRefusal(Refusal.of(
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
     * Every foreign key that the write sets must point at a row the caller may see: "another tenant's row"
     * answers exactly like "no such row"; on a {@code via} entity the keys that tie a row to its tenant may not
     * be empty.
     *
     * @param rows the values each written row will have (for an update: before plus changes)
     * @param touched the columns the write sets
     */
    void references(Entity entity, List<Map<String, Object>> rows, Set<String> touched) {
        Set<ForeignKey> tenantKeys = new LinkedHashSet<>();
        if (tenancies.of(entity) instanceof Tenancy.Via via) {
            via.paths().forEach(path -> tenantKeys.add(path.firstKey()));
        }
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().stream().noneMatch(touched::contains)
                    || key.columns().stream().allMatch(name -> name.equalsIgnoreCase(tenancies.tenantColumn()))) {
                continue;
            }
            Set<List<Object>> checked = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                key.columns().forEach(name -> values.add(row.get(name)));
                if (values.contains(null)) {
                    if (tenantKeys.contains(key)) {
                        throw new MemoryRefusal(Refusal.of(
                                RefusalCode.MISSING_REQUIRED_FIELD,
                                String.join(", ", key.columns()) + " cannot be empty: it ties each "
                                        + entities.referenceOf(entity) + " row to your data. Give an existing one."));
                    }
                    continue;
                }
                if (checked.add(values)) {
                    requireVisibleParent(entity, key, values);
                }
            }
        }
    }

    private void requireVisibleParent(Entity entity, ForeignKey key, List<Object> values) {
        Optional<Entity> target = entities.target(entity, key);
        if (target.isEmpty()) {
            return; // not in the catalog: only a database could check it
        }
        Entity parent = target.get();
        boolean hidden = tenancies.of(parent) instanceof Tenancy.Hidden
                && user.tenantId().isPresent();
        boolean columnsKnown =
                key.targetColumns().stream().allMatch(c -> parent.column(c).isPresent());
        if (!hidden && columnsKnown) {
            List<Object> coerced = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Column column = parent.column(key.targetColumns().get(i)).orElseThrow();
                coerced.add(
                        ValueCoercion.fromPlan(column, values.get(i)) instanceof Coerced.Value value
                                ? value.value()
                                : values.get(i));
            }
            if (reachable(parent).stream().anyMatch(row -> sameValues(row, key.targetColumns(), coerced))) {
                return;
            }
        }
        String shownValues = values.stream().map(MemoryScope::quote).collect(Collectors.joining(", "));
        String message = parent.exposure().isVisible()
                        && key.targetColumns().stream()
                                .allMatch(c -> parent.column(c)
                                        .map(col -> !col.isHidden())
                                        .orElse(false))
                ? "There is no " + entities.referenceOf(parent) + " with " + String.join(", ", key.targetColumns())
                        + " " + shownValues + ". Check the " + String.join(", ", key.columns()) + "."
                : String.join(", ", key.columns()) + " " + shownValues + " does not refer to an existing row.";
        throw new MemoryRefusal(Refusal.of(RefusalCode.FOREIGN_KEY_VIOLATION, message));
    }

    private static String quote(Object value) {
        return "'" + value + "'";
    }
}
