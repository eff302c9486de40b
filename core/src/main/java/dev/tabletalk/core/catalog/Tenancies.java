package dev.tabletalk.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Tenancy} of every entity of a catalog for one tenant column, decided from the schema:
 *
 * <ul>
 *   <li>{@code direct}: the entity has the tenant column (tables and views alike);
 *   <li>{@code via}: no tenant column, but foreign-key paths of at most {@value #MAX_HOPS} hops lead to
 *       direct entities; every such path applies;
 *   <li>{@code hidden}: a view without the tenant column, or a table with more than
 *       {@value #MAX_PATHS} paths: its rows cannot be tied to a tenant;
 *   <li>{@code shared}: everything else (reference data), and every entity when no entity is direct
 *       (a configuration mistake that {@link #hasDirect()} reveals).
 * </ul>
 *
 * <p>Paths may pass through hidden entities: the scoping SQL reads them, a person never sees them.
 * Immutable and thread-safe.
 */
public final class Tenancies {

    /** The longest foreign-key path that ties a row to a tenant. */
    public static final int MAX_HOPS = 3;

    /** More paths than this make a scope too costly to check on every statement: the entity is hidden. */
    public static final int MAX_PATHS = 16;

    private final String tenantColumn;
    private final Map<String, Tenancy> byQualifiedName;
    private final boolean hasDirect;

    private Tenancies(String tenantColumn, Map<String, Tenancy> byQualifiedName, boolean hasDirect) {
        this.tenantColumn = tenantColumn;
        this.byQualifiedName = Map.copyOf(byQualifiedName);
        this.hasDirect = hasDirect;
    }

    /**
     * Decides the tenancy of every entity of the catalog (hidden ones included) for {@code tenantColumn}.
     * Prefer {@link EntityCatalog#tenancies(String)}, which decides once per catalog.
     */
    public static Tenancies of(EntityCatalog catalog, String tenantColumn) {
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        List<Entity> entities = catalog.entities();
        Map<String, Tenancy.Direct> direct = new HashMap<>();
        for (Entity entity : entities) {
            tenantColumnOf(entity, tenantColumn)
                    .ifPresent(column -> direct.put(entity.qualifiedName(), new Tenancy.Direct(column.name())));
        }
        Map<String, Tenancy> tenancies = new HashMap<>();
        if (direct.isEmpty()) {
            Tenancy shared = new Tenancy.Shared("no table or view has the tenant column " + tenantColumn);
            entities.forEach(entity -> tenancies.put(entity.qualifiedName(), shared));
            return new Tenancies(tenantColumn, tenancies, false);
        }
        for (Entity entity : entities) {
            Tenancy.Direct own = direct.get(entity.qualifiedName());
            if (own != null) {
                tenancies.put(entity.qualifiedName(), own);
                continue;
            }
            List<TenantPath> paths = new ArrayList<>();
            walk(
                    entity,
                    new ArrayList<>(),
                    new LinkedHashSet<>(List.of(entity.qualifiedName())),
                    direct.keySet(),
                    catalog,
                    paths);
            if (paths.size() > MAX_PATHS) {
                tenancies.put(
                        entity.qualifiedName(),
                        new Tenancy.Hidden(paths.size() + " foreign-key paths lead to " + "tenant tables (at most "
                                + MAX_PATHS + " are checked)"));
            } else if (!paths.isEmpty()) {
                tenancies.put(entity.qualifiedName(), new Tenancy.Via(paths));
            } else if (entity.kind() == EntityKind.VIEW) {
                tenancies.put(
                        entity.qualifiedName(),
                        new Tenancy.Hidden("a view without the tenant column " + tenantColumn
                                + ": its rows cannot be tied to a tenant"));
            } else {
                tenancies.put(
                        entity.qualifiedName(),
                        new Tenancy.Shared(
                                "no tenant column and no foreign key" + " leads to a table with " + tenantColumn));
            }
        }
        return new Tenancies(tenantColumn, tenancies, true);
    }

    private static void walk(
            Entity at,
            List<TenantPath.Hop> prefix,
            Set<String> visited,
            Set<String> direct,
            EntityCatalog catalog,
            List<TenantPath> paths) {
        for (ForeignKey key : at.foreignKeys()) {
            Optional<Entity> target = catalog.target(at, key);
            if (target.isEmpty() || visited.contains(target.get().qualifiedName())) {
                continue;
            }
            List<TenantPath.Hop> hops = new ArrayList<>(prefix);
            hops.add(new TenantPath.Hop(at, key, target.get()));
            if (direct.contains(target.get().qualifiedName())) {
                paths.add(new TenantPath(hops));
            } else if (hops.size() < MAX_HOPS) {
                visited.add(target.get().qualifiedName());
                walk(target.get(), hops, visited, direct, catalog, paths);
                visited.remove(target.get().qualifiedName());
            }
            if (paths.size() > MAX_PATHS) {
                return;
            }
        }
    }

    /** The entity's tenant column: exact name first, else the only case-insensitive match. */
    public static Optional<Column> tenantColumnOf(Entity entity, String tenantColumn) {
        Optional<Column> exact = entity.column(tenantColumn);
        if (exact.isPresent()) {
            return exact;
        }
        String folded = tenantColumn.toLowerCase(Locale.ROOT);
        return entity.columns().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(folded))
                .findFirst();
    }

    public String tenantColumn() {
        return tenantColumn;
    }

    /** Whether any entity has the tenant column; when none has, every entity is shared. */
    public boolean hasDirect() {
        return hasDirect;
    }

    /**
     * The plain warning for an operator when no entity has the tenant column (a configuration mistake): callers
     * with a tenant then read every row of every table and can change nothing. Empty when some entity has it.
     */
    public Optional<String> misconfiguration() {
        if (hasDirect) {
            return Optional.empty();
        }
        return Optional.of("no table or view has the tenant column " + tenantColumn + ", so rows cannot be kept apart"
                + " by tenant: callers with a tenant can only read, and they see every row. Set the right tenant"
                + " column, or run without tenants.");
    }

    /** The tenancy of an entity of the catalog these were decided for. */
    public Tenancy of(Entity entity) {
        Tenancy tenancy = byQualifiedName.get(entity.qualifiedName());
        if (tenancy == null) {
            throw new IllegalArgumentException("not an entity of this catalog: " + entity.qualifiedName());
        }
        return tenancy;
    }
}
