package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a plan against the catalog and policy before anything runs, and returns it with
 * canonical names and values coerced to the column types.
 *
 * <p>It checks: the entity exists and is exposed for the intent (hidden entities and columns
 * answer exactly like unknown ones); the caller's role allows the intent; writes are off in
 * read-only mode; every field exists and is allowed for its use (create, filter, update, read,
 * order), in every leaf of a condition tree ({@code anyOf}, {@code not}, and links to other entities, each
 * checked on the entity it points at, which must be exposed to and readable by the caller); operators fit the column type; values coerce to the column type; an update has at
 * least one filter and something to change; the tenant column is neither set nor filtered by the
 * plan; a caller without a tenant cannot touch tenant-owned entities ({@code direct} or {@code via}),
 * and a caller with one cannot write {@code shared} ones nor see {@code hidden} ones; the condition count (leaves),
 * the tree's depth, IN-list length, row limit and offset stay within {@link Limits}.
 *
 * <p>This class shapes the canonical plan; the checks live in one class each: {@code AccessPolicy}
 * (role, read-only mode, exposure, tenancy), {@code FieldResolver} (fields per use),
 * {@code ConditionRules} (the condition tree), {@code AggregateRules} (aggregates), {@code OperatorRules} (driven by each {@code Op}'s arity and accepted types) and
 * {@code ValueRules} (values written, coerced by {@link ValueCoercion}).
 *
 * <p>Immutable and thread-safe. The executor runs the same checks again: it does not trust that
 * a plan it receives came through here.
 */
public final class PlanValidator {

    /** Paging by offset reaches at most this many pages of the row cap. */
    public static final int MAX_PAGES = 50;

    private final Limits limits;
    private final RolePolicy roles;
    private final AccessPolicy access;
    private final FieldResolver fields;
    private final ValueRules values;
    private final ConditionRules conditions;
    private final AggregateRules aggregates;

    public PlanValidator(Limits limits, RolePolicy roles, ReadOnlyMode readOnlyMode) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.access = new AccessPolicy(roles, readOnlyMode, limits.tenantColumn());
        this.fields = new FieldResolver(limits.tenantColumn());
        this.values = new ValueRules(fields);
        this.aggregates = new AggregateRules(fields);
        this.conditions =
                new ConditionRules(limits.maxFilters(), fields, new OperatorRules(limits.maxInItems()), access);
    }

    public Limits limits() {
        return limits;
    }

    /** Validates a complete plan. A create is not checked for missing required fields here: see {@link #missingRequired}. */
    public Validation validate(Plan plan, EntityCatalog catalog, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        catalog = callerCatalog(catalog, user);
        Optional<Entity> found = catalog.find(plan.entity());
        if (found.isEmpty()) {
            return new Validation.Invalid(List.of(unknownEntity(plan.entity())));
        }
        Entity entity = found.get();
        String reference = catalog.referenceOf(entity);
        Optional<Problem> refused = access.refusal(plan.intent(), entity, reference, user, catalog);
        if (refused.isPresent()) {
            return new Validation.Invalid(List.of(refused.get()));
        }
        List<Problem> problems = new ArrayList<>();
        ConditionRules.Scope scope = new ConditionRules.Scope(catalog, user);
        Plan canonical;
        if (plan instanceof ReadPlan read) {
            canonical = read(read, entity, reference, scope, problems);
        } else if (plan instanceof CreatePlan create) {
            canonical = new CreatePlan(
                    reference, values.values(create.values(), entity, FieldResolver.Write.CREATE, problems));
        } else if (plan instanceof UpdatePlan update) {
            canonical = update(update, entity, reference, scope, problems);
        } else {
            throw new IllegalStateException("unhandled plan: " + plan.getClass().getName());
        }
        return problems.isEmpty() ? new Validation.Valid(canonical, entity) : new Validation.Invalid(problems);
    }

    /**
     * Validates values for a create or an update draft, without requiring completeness: each named
     * field must exist, be allowed for that use and coerce. Returns the coerced values by canonical
     * name, or the problems.
     */
    public Validation validateValues(
            Intent intent, String entityReference, Map<String, ?> values, EntityCatalog catalog, UserContext user) {
        Plan plan = intent == Intent.CREATE
                ? new CreatePlan(entityReference, PlanValues.copyOf(values))
                : new UpdatePlan(entityReference, PlanValues.copyOf(values), List.of());
        catalog = callerCatalog(catalog, user);
        Optional<Entity> found = catalog.find(entityReference);
        if (found.isEmpty()) {
            return new Validation.Invalid(List.of(unknownEntity(entityReference)));
        }
        Entity entity = found.get();
        String reference = catalog.referenceOf(entity);
        Optional<Problem> refused = access.refusal(intent, entity, reference, user, catalog);
        if (refused.isPresent()) {
            return new Validation.Invalid(List.of(refused.get()));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> coerced = this.values.values(
                PlanValues.copyOf(values),
                entity,
                intent == Intent.CREATE ? FieldResolver.Write.CREATE : FieldResolver.Write.UPDATE,
                problems);
        if (!problems.isEmpty()) {
            return new Validation.Invalid(problems);
        }
        Plan canonical = intent == Intent.CREATE
                ? new CreatePlan(reference, coerced)
                : new UpdatePlan(reference, coerced, plan.filters());
        return new Validation.Valid(canonical, entity);
    }

    /** The create-required fields of the entity's form that {@code values} does not have yet, in asking order. */
    public static List<String> missingRequired(Entity entity, Map<String, ?> values) {
        return entity.form().createRequiredNames().stream()
                .filter(name -> !values.containsKey(name))
                .toList();
    }

    /**
     * The catalog as this caller sees it ({@link EntityCatalog#forCaller}): entities whose rows cannot be tied
     * to a tenant are hidden, shared ones read-only for tenant callers; and the columns the caller's role is not
     * granted are hidden ({@link RolePolicy#view}), so every check below treats them as columns that do not exist.
     */
    public EntityCatalog callerCatalog(EntityCatalog catalog, UserContext user) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(user, "user");
        return roles.view(catalog.forCaller(user.tenantId().isPresent(), limits.tenantColumn()), user.role());
    }

    private ReadPlan read(
            ReadPlan plan, Entity entity, String reference, ConditionRules.Scope scope, List<Problem> problems) {
        List<String> names = new ArrayList<>();
        for (String field : plan.fields()) {
            fields.resolve(entity, field, problems).ifPresent(column -> names.add(column.name()));
        }
        List<Condition> filters = conditions.check(plan.filters(), entity, scope, problems);
        Optional<Aggregate> aggregate = plan.aggregate().map(a -> aggregates.check(a, entity, problems));
        List<Sort> orderBy = new ArrayList<>();
        if (aggregate.isPresent()) {
            if (!plan.fields().isEmpty()) {
                problems.add(Problem.of(RefusalCode.TYPE_MISMATCH, Wording.AGGREGATE_SHOWS_ITS_GROUPS));
            }
            orderBy.addAll(aggregates.order(aggregate.get(), entity, plan.orderBy(), problems));
        } else {
            for (Sort sort : plan.orderBy()) {
                fields.sortable(entity, sort.field(), problems)
                        .ifPresent(column -> orderBy.add(new Sort(column.name(), sort.descending())));
            }
        }
        OptionalInt limit = plan.limit();
        if (limit.isPresent() && limit.getAsInt() < 1) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, "Ask for at least one row."));
        }
        // INV-3: a larger limit is not an error, it is cut to the cap (the reply says more exist)
        OptionalInt capped =
                limit.isPresent() ? OptionalInt.of(limits.effectiveRowLimit(limit.getAsInt())) : OptionalInt.empty();
        offset(plan.offset(), problems);
        if (plan.deleted() == DeletedRows.ONLY && entity.softDelete().isEmpty()) {
            // INV-11: "deleted customers" of an entity that never marks rows deleted would otherwise list them all
            problems.add(Problem.of(RefusalCode.FIELD_NOT_FILTERABLE, Wording.noSoftDelete(reference)));
        }
        after(plan, entity, orderBy, problems);
        return new ReadPlan(
                reference, names, filters, orderBy, capped, plan.offset(), aggregate, plan.deleted(), plan.after());
    }

    /**
     * A keyset position ("show more", #13) names exactly the sort columns then the rest of the primary key, of a
     * listing (not an aggregate) from no offset: anything else would seek over the wrong columns.
     */
    private static void after(ReadPlan plan, Entity entity, List<Sort> orderBy, List<Problem> problems) {
        if (plan.after().isEmpty()) {
            return;
        }
        if (plan.aggregate().isPresent() || plan.offset() > 0) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.KEYSET_ONLY_FOR_ROWS));
        } else if (!entity.hasPrimaryKey()) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.noKeyToContinue(entity.name())));
        } else if (!plan.after().get().columns().equals(Keyset.columnsOf(orderBy, entity.primaryKey()))) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.KEYSET_OUT_OF_STEP));
        }
    }

    private void offset(int offset, List<Problem> problems) {
        int pageRows = Math.min(limits.maxRows(), Limits.HARD_MAX_ROWS);
        if (offset < 0) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.NEGATIVE_OFFSET));
        } else if (offset >= MAX_PAGES * pageRows) {
            problems.add(Problem.of(RefusalCode.OUT_OF_RANGE, Wording.offsetTooFar(MAX_PAGES, pageRows)));
        }
    }

    private UpdatePlan update(
            UpdatePlan plan, Entity entity, String reference, ConditionRules.Scope scope, List<Problem> problems) {
        if (plan.changes().isEmpty()) {
            problems.add(
                    Problem.of(RefusalCode.NOTHING_TO_CHANGE, "Say what to change, e.g. 'set status to shipped'."));
        }
        Map<String, Object> changes = values.values(plan.changes(), entity, FieldResolver.Write.UPDATE, problems);
        if (plan.filters().isEmpty()) {
            // INV-5: an update without a filter never reaches the executor
            problems.add(Problem.of(RefusalCode.UPDATE_REQUIRES_FILTER, Wording.updateNeedsFilter(reference)));
        }
        List<Condition> filters = conditions.check(plan.filters(), entity, scope, problems);
        entity.softDelete().ifPresent(marker -> {
            if (changes.containsKey(marker.column()) && changes.size() > 1) {
                // a delete or a restore changes the marker and nothing else: the preview shows exactly that
                problems.add(Problem.of(
                        RefusalCode.FIELD_NOT_WRITABLE,
                        marker.column(),
                        Wording.softDeleteAlone(reference, marker.column())));
            }
        });
        return new UpdatePlan(reference, changes, filters);
    }

    /**
     * Whether {@code user} may read {@code entity} of their caller catalog directly (role and tenancy): what a
     * link to it or the label of a row of it needs, so neither shows more than a read of it would.
     */
    public boolean mayRead(Entity entity, EntityCatalog callerCatalog, UserContext user) {
        return entity.exposure().isVisible()
                && access.refusal(Intent.READ, entity, callerCatalog.referenceOf(entity), user, callerCatalog)
                        .isEmpty();
    }

    /** The refusal of every write while read-only mode is on (invariant 10). */
    public static Refusal readOnlyRefusal() {
        return Refusal.of(RefusalCode.READ_ONLY_MODE, Wording.READ_ONLY_MODE);
    }

    /** The refusal for an entity that does not exist or is hidden: the same words for both (invariant 6). */
    public static Refusal unknownEntityRefusal(String name) {
        Problem problem = unknownEntity(name);
        return Refusal.of(problem.code(), problem.message());
    }

    private static Problem unknownEntity(String name) {
        return Problem.of(RefusalCode.UNKNOWN_ENTITY, Wording.unknownEntity(ValueCoercion.quote(name)));
    }
}
