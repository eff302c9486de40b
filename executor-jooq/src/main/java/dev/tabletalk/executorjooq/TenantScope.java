package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.catalog.TenantPath;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The rows of an entity that a caller may reach, as a jOOQ condition on the entity's own table
 * (invariant 7): {@code direct} entities compare the tenant column with the caller's tenant; {@code via}
 * entities need, for every foreign-key path, an {@code EXISTS} that follows the path to a row of the
 * caller's tenant (so a row with a NULL key on any path is nobody's); {@code shared} entities are not
 * narrowed; {@code hidden} ones are refused like names that do not exist. The row rules of the caller's role
 * on that entity ({@link RoleGrant#withRowRules}), their claims resolved for this caller, are ANDed in: so every
 * read, aggregate, link and label sub-select, update and reference check that scopes an entity here keeps the
 * role on its rows too. A claim the caller lacks refuses the request ({@code claim_missing}), never widens it.
 *
 * <p>The condition refers to the outer table by its qualified name, so it is valid in a SELECT, an
 * UPDATE or an EXISTS over that table left unaliased, as every statement of the executor is built.
 */
final class TenantScope {

    private static final String ALIAS = "tt_scope_";

    private final Tenancies tenancies;
    private final UserContext user;
    private final Optional<RoleGrant> grant;
    /** The catalog generation's parts, or null to build them each time. */
    private final EntitySqls sqls;

    private final Map<String, List<dev.tabletalk.core.plan.Condition>> resolved = new HashMap<>();

    /** The tenant scope alone, for a role without row rules. */
    TenantScope(Tenancies tenancies, UserContext user) {
        this(tenancies, user, Optional.empty());
    }

    /** The tenant scope and the row rules of {@code grant}, the caller's role's grant. */
    TenantScope(Tenancies tenancies, UserContext user, Optional<RoleGrant> grant) {
        this(tenancies, user, grant, null);
    }

    /** The same, with the parts of the catalog generation {@code sqls} reused. */
    TenantScope(Tenancies tenancies, UserContext user, Optional<RoleGrant> grant, EntitySqls sqls) {
        this.tenancies = Objects.requireNonNull(tenancies, "tenancies");
        this.user = Objects.requireNonNull(user, "user");
        this.grant = Objects.requireNonNull(grant, "grant");
        this.sqls = sqls;
    }

    /**
     * The row rules of the caller's role on {@code entity}, resolved for the caller (values typed, claims filled);
     * empty when its rows are not restricted. Refuses the request when a claim is missing or a rule does not fit.
     */
    List<dev.tabletalk.core.plan.Condition> rowRules(Entity entity) {
        if (grant.isEmpty() || grant.get().rowRules().isEmpty()) {
            return List.of();
        }
        return resolved.computeIfAbsent(entity.qualifiedName(), name -> {
            List<dev.tabletalk.core.plan.Condition> rules =
                    grant.get().rowRulesOf(entity.name(), entity.qualifiedName());
            RowRules.Resolution resolution = RowRules.resolve(rules, entity, entity.name(), user);
            if (resolution instanceof RowRules.Resolution.Refused refused) {
                throw new RefusalSignal(refused.refusal());
            }
            return ((RowRules.Resolution.Ready) resolution).rules();
        });
    }

    /**
     * The role's row rules on {@code entity} as SQL, unqualified: they resolve to the innermost table of the
     * statement or sub-select they are placed in, which is {@code entity}'s (aliased or not) wherever the
     * executor puts them. Rules hold no links, so no {@link RelatedRows} is needed.
     */
    Condition rulesCondition(Entity entity) {
        List<dev.tabletalk.core.plan.Condition> rules = rowRules(entity);
        return rules.isEmpty() ? DSL.noCondition() : Sql.filters(entity, rules, null);
    }

    /** The caller's role, for the words of a refusal. */
    String role() {
        return user.role();
    }

    Tenancy tenancyOf(Entity entity) {
        return tenancies.of(entity);
    }

    /** The condition that keeps the caller on its own rows of {@code entity}. */
    Condition condition(Entity entity) {
        return condition(entity, Optional.empty());
    }

    /**
     * The same condition on {@code entity} named {@code table} in the statement (an alias): for a sub-select
     * over a table that the outer statement also names, such as the label of a row pointing at its own table.
     */
    Condition condition(Entity entity, Name table) {
        return condition(entity, Optional.of(table));
    }

    private Condition condition(Entity entity, Optional<Name> table) {
        return tenantCondition(entity, table).and(rulesCondition(entity));
    }

    private Condition tenantCondition(Entity entity, Optional<Name> table) {
        Tenancy tenancy = tenancies.of(entity);
        if (tenancy instanceof Tenancy.Direct) {
            TenantValue tenant = forcedTenant(entity).orElseThrow();
            Field<Object> column = table.isPresent()
                    ? field(table.get(), tenant.column())
                    : sqls != null ? sqls.of(entity).field(tenant.column()) : Sql.field(tenant.column());
            return column.eq(Sql.value(tenant.column(), tenant.value()));
        }
        if (tenancy instanceof Tenancy.Via via) {
            requireTenant();
            List<Condition> paths = new ArrayList<>();
            for (TenantPath path : via.paths()) {
                paths.add(exists(entity, path, table.orElseGet(() -> qualified(entity))));
            }
            return DSL.and(paths);
        }
        if (tenancy instanceof Tenancy.Hidden && user.tenantId().isPresent()) {
            throw new RefusalSignal(PlanValidator.unknownEntityRefusal(entity.name()));
        }
        return DSL.noCondition();
    }

    /** {@link #condition}, or empty when the entity's rows are out of this caller's reach altogether. */
    Optional<Condition> reachable(Entity entity) {
        if (tenancies.of(entity) instanceof Tenancy.Hidden && user.tenantId().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(condition(entity));
    }

    /** The tenant column and the caller's tenant in its type, for a direct entity; empty for any other. */
    Optional<TenantValue> forcedTenant(Entity entity) {
        if (!(tenancies.of(entity) instanceof Tenancy.Direct direct)) {
            return Optional.empty();
        }
        Column column = entity.column(direct.column()).orElseThrow();
        return Optional.of(new TenantValue(column, tenantValue(column)));
    }

    private Condition exists(Entity entity, TenantPath path, Name start) {
        List<Table<?>> tables = new ArrayList<>();
        List<Condition> joins = new ArrayList<>();
        Name previous = start;
        for (int i = 0; i < path.hops().size(); i++) {
            TenantPath.Hop hop = path.hops().get(i);
            Name alias = DSL.name(ALIAS + (i + 1));
            tables.add(Sql.table(hop.to()).as(alias));
            ForeignKey key = hop.key();
            for (int j = 0; j < key.columns().size(); j++) {
                Column from = hop.from().column(key.columns().get(j)).orElseThrow();
                Column to = hop.to().column(key.targetColumns().get(j)).orElseThrow();
                joins.add(field(alias, to).eq(field(previous, from)));
            }
            previous = alias;
        }
        Entity owner = path.owner();
        Column tenantColumn =
                Tenancies.tenantColumnOf(owner, tenancies.tenantColumn()).orElseThrow();
        Field<Object> tenant = field(previous, tenantColumn);
        joins.add(tenant.eq(DSL.val(tenantValue(tenantColumn), tenant)));
        return DSL.exists(DSL.selectOne().from(tables).where(joins));
    }

    private Object tenantValue(Column column) {
        String tenant = requireTenant();
        Coerced coerced = ValueCoercion.fromText(column, tenant);
        if (!(coerced instanceof Coerced.Value value) || value.value() == null) {
            throw new RefusalSignal(Refusal.of(
                    RefusalCode.TENANT_REQUIRED,
                    "Your identity's tenant is not valid here: ask an administrator to check it."));
        }
        return value.value();
    }

    private String requireTenant() {
        return user.tenantId()
                .orElseThrow(() -> new RefusalSignal(
                        Refusal.of(RefusalCode.TENANT_REQUIRED, Wording.tenantRequired("These rows"))));
    }

    private static Name qualified(Entity entity) {
        return Sql.qualified(entity);
    }

    private static Field<Object> field(Name table, Column column) {
        return Sql.field(table, column);
    }

    /** The caller's tenant, coerced to a direct entity's tenant column type. */
    record TenantValue(Column column, Object value) {}
}
