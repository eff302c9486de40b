package dev.tabletalk.core.policy;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Intent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which intents each role may use, per entity, and which columns and rows of an entity it may reach
 * ({@link RoleGrant}). An unknown role may do nothing.
 *
 * <p>A policy made by {@link #of} holds exactly the roles given: roles from configuration replace the defaults
 * ({@link #defaults}) rather than adding to them.
 *
 * <p>Immutable and thread-safe.
 */
public final class RolePolicy {

    private final Map<String, RoleGrant> grants;

    private RolePolicy(Map<String, RoleGrant> grants) {
        this.grants = Map.copyOf(grants);
    }

    /** viewer = read; editor = read, create, update; admin = the same with a cap of 100 rows per update. */
    public static RolePolicy defaults() {
        return of(Map.of(
                "viewer", RoleGrant.of(Intent.READ),
                "editor", RoleGrant.of(Intent.READ, Intent.CREATE, Intent.UPDATE),
                "admin", RoleGrant.of(Intent.READ, Intent.CREATE, Intent.UPDATE).withMaxAffectedRows(100)));
    }

    /** Exactly these roles (the defaults are not added): what a configuration's {@code roles:} section becomes. */
    public static RolePolicy of(Map<String, RoleGrant> grants) {
        return new RolePolicy(grants);
    }

    public Optional<RoleGrant> grant(String role) {
        return Optional.ofNullable(grants.get(Objects.requireNonNull(role, "role")));
    }

    public boolean allows(String role, Intent intent, String entity) {
        return grant(role).map(g -> g.allows(intent, entity)).orElse(false);
    }

    /** The update cap for a role: its own, else the limits' cap. */
    public int maxAffectedRows(String role, Limits limits) {
        return grant(role)
                .flatMap(g -> g.maxAffectedRows().isPresent()
                        ? Optional.of(g.maxAffectedRows().getAsInt())
                        : Optional.empty())
                .orElse(limits.maxAffectedRows());
    }

    /**
     * {@code callerCatalog} (a caller's view, {@link EntityCatalog#forCaller}) as {@code role} sees it: the columns
     * its grant leaves out are hidden ({@link EntityCatalog#withColumnGrants}). Unchanged for a role without column
     * grants, or one this policy does not know (it may do nothing anyway).
     */
    public EntityCatalog view(EntityCatalog callerCatalog, String role) {
        Objects.requireNonNull(callerCatalog, "callerCatalog");
        return grant(role).map(g -> callerCatalog.withColumnGrants(g.columns())).orElse(callerCatalog);
    }

    /**
     * What is wrong with these roles for {@code catalog} (the operator's catalog, before any caller's view): an
     * entity that is not exposed (hidden, or unknown), a granted column that is hidden or does not exist (a grant
     * can never expose what the catalog hides), a row rule on a field the entity does not have. Empty when all fit.
     * Roles are listed in name order, each role's problems in a stable order.
     */
    public List<RoleProblem> problems(EntityCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<RoleProblem> problems = new ArrayList<>();
        for (String role : new TreeSet<>(grants.keySet())) {
            RoleGrant grant = grants.get(role);
            for (String entity : new TreeSet<>(grant.entityIntents().keySet())) {
                if (!entity.equals(RoleGrant.EVERY_ENTITY)
                        && catalog.find(entity).isEmpty()) {
                    problems.add(new RoleProblem(role, "entities." + entity, unknownEntity(entity)));
                }
            }
            for (String entity : new TreeSet<>(grant.columns().keySet())) {
                Optional<Entity> found = catalog.find(entity);
                if (found.isEmpty()) {
                    problems.add(new RoleProblem(role, "columns." + entity, unknownEntity(entity)));
                    continue;
                }
                for (String column : new TreeSet<>(grant.columns().get(entity))) {
                    if (found.get().visibleColumn(column).isEmpty()) {
                        problems.add(new RoleProblem(
                                role,
                                "columns." + entity,
                                column + " is hidden or does not exist on " + entity
                                        + ": a role can only be granted visible columns"));
                    }
                }
            }
            for (String entity : new TreeSet<>(grant.rowRules().keySet())) {
                Optional<Entity> found = catalog.find(entity);
                if (found.isEmpty()) {
                    problems.add(new RoleProblem(role, "rows." + entity, unknownEntity(entity)));
                    continue;
                }
                for (String field : RoleGrant.ruleFields(grant.rowRules().get(entity))) {
                    boolean known = found.get().columns().stream()
                            .anyMatch(c -> c.name().equalsIgnoreCase(field));
                    if (!known) {
                        problems.add(new RoleProblem(
                                role,
                                "rows." + entity,
                                "a rule names " + field + ", which " + entity + " does not have"));
                    }
                }
            }
        }
        return List.copyOf(problems);
    }

    private static String unknownEntity(String entity) {
        return entity + " is not an entity the catalog exposes (hidden, or misspelt)";
    }

    public Map<String, RoleGrant> grants() {
        return grants;
    }
}
