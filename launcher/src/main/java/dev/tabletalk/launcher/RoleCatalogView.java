package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.user.UserContext;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The schema view per caller: exposed entities only, only those the caller's role may read, and of those only the
 * columns its role is granted (an ungranted column is not there for it, as a hidden one is not).
 */
final class RoleCatalogView implements CatalogView {

    private final Supplier<SchemaCatalog> catalog;
    private final RolePolicy roles;
    private final String tenantColumn;

    /** {@code catalog} gives the current target's catalog at each call. */
    RoleCatalogView(Supplier<SchemaCatalog> catalog, RolePolicy roles, String tenantColumn) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.tenantColumn = Objects.requireNonNull(tenantColumn, "tenantColumn");
    }

    @Override
    public SchemaView schemaFor(UserContext user) {
        Objects.requireNonNull(user, "user");
        // INV-7: entities that cannot be tied to the caller's tenant are not there for it, with their tenancy
        // INV-6: the columns the role is not granted are hidden from it like hidden columns
        SchemaView all = SchemaView.of(
                roles.view(catalog.get().current().forCaller(user.tenantId().isPresent(), tenantColumn), user.role()));
        return new SchemaView(
                all.fingerprint(),
                all.entities().stream()
                        .filter(entity -> roles.allows(user.role(), Intent.READ, entity.name()))
                        .toList());
    }
}
