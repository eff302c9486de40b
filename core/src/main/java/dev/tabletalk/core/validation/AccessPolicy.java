package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a caller may use an entity for an intent at all, before any field is looked at: the
 * role allows it, writes are off in read-only mode, shared entities are read-only for tenant
 * callers and tenant-owned ones need a tenant, and read-only entities are not written.
 *
 * <p>Returns the first refusal only, in that order. Immutable and thread-safe.
 */
final class AccessPolicy {

    private final RolePolicy roles;
    private final ReadOnlyMode readOnlyMode;
    private final String tenantColumn;

    AccessPolicy(RolePolicy roles, ReadOnlyMode readOnlyMode, String tenantColumn) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.readOnlyMode = Objects.requireNonNull(readOnlyMode, "readOnlyMode");
        this.tenantColumn = Objects.requireNonNull(tenantColumn, "tenantColumn");
    }

    /** Why this caller may not use {@code entity} (named {@code reference}) for {@code intent}, if they may not. */
    Optional<Problem> refusal(Intent intent, Entity entity, String reference, UserContext user, EntityCatalog catalog) {
        if (!roles.allows(user.role(), intent, reference)) {
            return Optional.of(Problem.of(
                    RefusalCode.ROLE_FORBIDS,
                    "Your role (" + user.role() + ") may not " + verb(intent) + " " + reference + "."));
        }
        if (intent == Intent.CREATE && requiresUngranted(entity, reference, user)) {
            // INV-6: the column is not named: for this role it answers like one that does not exist
            return Optional.of(
                    Problem.of(RefusalCode.ROLE_FORBIDS, Wording.requiredFieldNotGranted(user.role(), reference)));
        }
        if (intent.isWrite() && readOnlyMode.isOn()) {
            return Optional.of(Problem.of(RefusalCode.READ_ONLY_MODE, Wording.READ_ONLY_MODE));
        }
        Tenancy tenancy = catalog.tenancies(tenantColumn).of(entity);
        if (intent.isWrite() && user.tenantId().isPresent() && tenancy instanceof Tenancy.Shared) {
            // INV-7: reference data is every tenant's to read and no tenant's to change
            return Optional.of(Problem.of(RefusalCode.ENTITY_READ_ONLY, Wording.sharedReadOnly(reference, intent)));
        }
        if (intent.isWrite() && !entity.isWritable()) {
            return Optional.of(Problem.of(RefusalCode.ENTITY_READ_ONLY, Wording.entityReadOnly(reference, intent)));
        }
        if (tenancy.isTenantOwned() && user.tenantId().isEmpty()) {
            return Optional.of(Problem.of(RefusalCode.TENANT_REQUIRED, Wording.tenantRequired(reference)));
        }
        return Optional.empty();
    }

    /**
     * Whether a new row of {@code entity} needs a value (no default, not generated, not nullable, not the tenant
     * column, which is forced) in a column the caller's role is not granted.
     */
    private boolean requiresUngranted(Entity entity, String reference, UserContext user) {
        Optional<Set<String>> granted =
                roles.grant(user.role()).flatMap(g -> g.columnsOf(reference, entity.qualifiedName()));
        if (granted.isEmpty()) {
            return false;
        }
        for (Column column : entity.columns()) {
            boolean required = !column.nullable()
                    && !column.hasDefault()
                    && !column.generation().isGenerated()
                    && !column.name().equalsIgnoreCase(tenantColumn);
            if (required
                    && !entity.primaryKey().contains(column.name())
                    && !RoleGrant.isGranted(granted.get(), column.name())) {
                return true;
            }
        }
        return false;
    }

    private static String verb(Intent intent) {
        return switch (intent) {
            case READ -> "read";
            case CREATE -> "add to";
            case UPDATE -> "change";
            case UNKNOWN -> "use";
        };
    }
}
