package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.user.UserContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The schema view per caller: exposed entities only, only those the caller's role may read, and of those only the
 * columns its role is granted (an ungranted column is not there for it, as a hidden one is not); and the macros the
 * caller's role may run there.
 */
final class RoleCatalogView implements CatalogView {

    private final Supplier<SchemaCatalog> catalog;
    private final Supplier<RolePolicy> roles;
    private final String tenantColumn;
    private final Macros macros;

    /** {@code catalog} gives the current target's catalog, {@code roles} the roles in force, at each call. */
    RoleCatalogView(Supplier<SchemaCatalog> catalog, Supplier<RolePolicy> roles, String tenantColumn, Macros macros) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.tenantColumn = Objects.requireNonNull(tenantColumn, "tenantColumn");
        this.macros = Objects.requireNonNull(macros, "macros");
    }

    @Override
    public List<Macro> macrosFor(UserContext user) {
        Objects.requireNonNull(user, "user");
        if (macros.isEmpty()) {
            return List.of();
        }
        return macros.usableBy(
                user.role(), catalog.get().current().forCaller(user.tenantId().isPresent(), tenantColumn), roles.get());
    }

    @Override
    public SchemaView schemaFor(UserContext user) {
        Objects.requireNonNull(user, "user");
        // INV-7: entities that cannot be tied to the caller's tenant are not there for it, with their tenancy
        RolePolicy policy = roles.get();
        // INV-6: the columns the role is not granted are hidden from it like hidden columns
        SchemaView all = SchemaView.of(
                policy.view(catalog.get().current().forCaller(user.tenantId().isPresent(), tenantColumn), user.role()));
        return new SchemaView(
                all.fingerprint(),
                all.entities().stream()
                        .filter(entity -> policy.allows(user.role(), Intent.READ, entity.name()))
                        .toList());
    }
}
