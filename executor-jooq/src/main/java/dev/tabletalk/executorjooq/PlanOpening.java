package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import java.util.Objects;

/**
 * The opening of every executor call, written once: refuse a write at once in read-only mode
 * (invariant 10), validate the plan again against the caller's view of the catalog (invariant 4),
 * refuse it if it is invalid, and hand on the validated plan with its entity, the caller's catalog and
 * the caller's tenant scope. A refusal is thrown as a {@link RefusalSignal}.
 */
final class PlanOpening {

    private final SchemaCatalog catalog;
    private final ExecutorConfig config;
    private final PlanValidator validator;
    /** The same checks without the read-only switch: a look at a confirmed write's rows writes nothing. */
    private final PlanValidator lookValidator;
    /** The jOOQ parts of the current catalog generation, replaced when the catalog is ({@link EntitySqls}). */
    private volatile EntitySqls sqls;

    PlanOpening(SchemaCatalog catalog, ExecutorConfig config) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.config = Objects.requireNonNull(config, "config");
        this.validator = new PlanValidator(config.limits(), config.rolePolicy(), config.readOnlyMode());
        this.lookValidator = new PlanValidator(config.limits(), config.rolePolicy(), ReadOnlyMode.off());
    }

    /** A read: validated, never refused for the read-only mode. */
    <P extends Plan> Opened<P> forRead(Plan plan, Class<P> type, UserContext user) {
        return open(plan, type, user, validator);
    }

    /**
     * A write's plan opened to look at its rows, not to run it (the check of a confirm sent again): validated for
     * the caller's role and tenant as a write, but not refused for the read-only mode.
     */
    <P extends Plan> Opened<P> forLook(Plan plan, Class<P> type, UserContext user) {
        return open(plan, type, user, lookValidator);
    }

    /** A write (a preview or a confirm): refused at once in read-only mode, then validated. */
    <P extends Plan> Opened<P> forWrite(Plan plan, Class<P> type, UserContext user) {
        if (config.readOnlyMode().isOn()) {
            throw new RefusalSignal(PlanValidator.readOnlyRefusal());
        }
        return open(plan, type, user, validator);
    }

    private <P extends Plan> Opened<P> open(Plan plan, Class<P> type, UserContext user, PlanValidator validator) {
        EntityCatalog current = catalog.current();
        EntitySqls known = sqls;
        EntitySqls generation = EntitySqls.forCatalog(known, current);
        if (generation != known) {
            sqls = generation;
        }
        EntityCatalog entities = validator.callerCatalog(current, user);
        Validation validation = validator.validate(plan, entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            throw new RefusalSignal(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        // the tenant and the role's row rules, ANDed into every statement of this call
        TenantScope scope = new TenantScope(
                entities.tenancies(config.limits().tenantColumn()),
                user,
                config.rolePolicy().grant(user.role()),
                generation);
        return new Opened<>(type.cast(valid.plan()), valid.entity(), entities, scope, generation);
    }

    /**
     * A validated plan, ready to run.
     *
     * @param plan the plan as the validator returned it (values coerced)
     * @param entity the plan's entity in the caller's catalog
     * @param entities the caller's view of the catalog
     * @param scope the rows the caller may reach
     * @param sqls the jOOQ parts of the catalog generation the plan was validated in
     */
    record Opened<P extends Plan>(P plan, Entity entity, EntityCatalog entities, TenantScope scope, EntitySqls sqls) {

        /** The jOOQ parts of the plan's entity. */
        EntitySql sql() {
            return sqls.of(entity);
        }

        /** How this caller's links to other entities are rendered: in their catalog view, with their scope. */
        RelatedRows links() {
            return new RelatedRows(entities, scope);
        }
    }
}
