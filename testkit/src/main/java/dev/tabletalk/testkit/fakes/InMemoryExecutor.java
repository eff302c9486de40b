package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A guarded executor over rows held in memory, for engine and adapter tests. It keeps the protocol of
 * the real executor and is held to the same port-level contract: every plan is validated again with
 * core's {@link PlanValidator} (role, read-only mode, exposure, types, limits) exactly as the real
 * executor opens each call; the tenant is forced and every entity is scoped, through its foreign keys
 * where it has no tenant column ({@link MemoryScope}); unique and foreign-key constraints are checked
 * before a preview and again at confirm; reads are capped and masks keep a hint of the value; a confirm
 * writes exactly the previewed rows, re-checked, behind the commit gate. It has no SQL, so no cost gate,
 * statement guard or lock timeout. Thread-safe (one lock, shared with every executor over the same rows).
 */
public final class InMemoryExecutor implements GuardedExecutor {

    private final EntityCatalog catalog;
    private final Limits limits;
    private final RolePolicy roles;
    private final ReadOnlyMode readOnlyMode;
    private final PlanValidator validator;
    /** The same checks without the read-only switch, for a look at a confirmed write's rows. */
    private final PlanValidator lookValidator;
    /** The stored rows by table; also the lock of every executor that shares them. */
    private final Map<String, List<Map<String, Object>>> tables;
    /** The next generated key, shared like the rows (one sequence per database). */
    private final AtomicLong nextId;

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger executeCalls = new AtomicInteger();
    private volatile boolean down;
    private volatile Clock clock = new SystemClock();
    private LostCommit lostCommit = LostCommit.NONE;

    /** An executor with the default roles and read-only mode off. */
    public InMemoryExecutor(EntityCatalog catalog, Limits limits) {
        this(catalog, limits, RolePolicy.defaults(), ReadOnlyMode.off());
    }

    /** An executor that checks plans against these roles and this read-only switch, as the real one does. */
    public InMemoryExecutor(EntityCatalog catalog, Limits limits, RolePolicy roles, ReadOnlyMode readOnlyMode) {
        this(catalog, limits, roles, readOnlyMode, new HashMap<>(), new AtomicLong(1000));
    }

    private InMemoryExecutor(
            EntityCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            Map<String, List<Map<String, Object>>> tables,
            AtomicLong nextId) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.readOnlyMode = Objects.requireNonNull(readOnlyMode, "readOnlyMode");
        this.validator = new PlanValidator(limits, roles, readOnlyMode);
        this.lookValidator = new PlanValidator(limits, roles, ReadOnlyMode.off());
        this.tables = tables;
        this.nextId = nextId;
    }

    /**
     * Another executor over the same stored rows (as two executors over one database), with its own
     * catalog and limits and this one's roles and read-only switch; the counters and switches are its own.
     */
    public InMemoryExecutor sharingRows(EntityCatalog otherCatalog, Limits otherLimits) {
        return sharingRows(otherCatalog, otherLimits, roles, readOnlyMode);
    }

    /** Another executor over the same stored rows, with its own catalog, limits, roles and read-only switch. */
    public InMemoryExecutor sharingRows(
            EntityCatalog otherCatalog, Limits otherLimits, RolePolicy otherRoles, ReadOnlyMode otherMode) {
        return new InMemoryExecutor(otherCatalog, otherLimits, otherRoles, otherMode, tables, nextId);
    }

    /** The clock behind {@code current_timestamp} defaults (the system clock unless set). */
    public InMemoryExecutor setClock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * Adds a row as test data, without checks, as an INSERT on another connection would: a column of the
     * catalog's entity that the row leaves out gets its constant or {@code current_timestamp} default.
     */
    public InMemoryExecutor insert(String entity, Map<String, ?> row) {
        synchronized (tables) {
            Map<String, Object> stored = new LinkedHashMap<>(row);
            catalog.find(entity).ifPresent(e -> MemoryDefaults.fill(e, stored, clock.now()));
            tables.computeIfAbsent(entity, e -> new ArrayList<>()).add(stored);
            return this;
        }
    }

    /** Every row of an entity, as stored (a NULL reads {@code "<null>"}). */
    public List<Map<String, Object>> rows(String entity) {
        synchronized (tables) {
            return tables.getOrDefault(entity, List.of()).stream()
                    .map(r -> Map.copyOf(MemoryRows.withoutNulls(r)))
                    .toList();
        }
    }

    /** Every stored row of an entity as it is (nulls included), in insertion order; copies. */
    List<Map<String, Object>> storedRows(String entity) {
        synchronized (tables) {
            return tables.getOrDefault(entity, List.of()).stream()
                    .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                    .toList();
        }
    }

    /** Forgets every stored row. */
    void clear() {
        synchronized (tables) {
            tables.clear();
        }
    }

    /** Changes a stored row behind the executor's back, like another connection would. */
    public void changeBehindTheBack(String entity, Object id, String column, Object value) {
        synchronized (tables) {
            for (Map<String, Object> row : tables.getOrDefault(entity, List.of())) {
                if (MemoryRows.same(row.get("id"), id)) {
                    row.put(column, value);
                }
            }
        }
    }

    /** Makes every call fail as if the database were unreachable ({@code true}), or work again. */
    public void setDown(boolean value) {
        this.down = value;
    }

    /**
     * Makes the next confirmed write lose its commit's answer after the gate (PUB-102): the write is applied
     * when {@code applied}, and the outcome is {@link CommitOutcome.Unknown} with the matching finding.
     */
    public void loseNextCommitAnswer(boolean applied) {
        synchronized (tables) {
            this.lostCommit = applied ? LostCommit.APPLIED : LostCommit.NOT_APPLIED;
        }
    }

    /** Writes committed so far. */
    public int commits() {
        return commits.get();
    }

    /** Calls of {@link #executeConfirmed}, committed or not. */
    public int executeCalls() {
        return executeCalls.get();
    }

    @Override
    public ReadOutcome read(ReadPlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        synchronized (tables) {
            try {
                Opened<ReadPlan> opened = open(plan, ReadPlan.class, user, false);
                checkUp();
                return MemoryReads.run(opened.plan(), opened.entity(), opened.scope(), limits);
            } catch (MemoryRefusal refused) {
                return new ReadOutcome.Refused(refused.refusal());
            }
        }
    }

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        synchronized (tables) {
            try {
                Opened<CreatePlan> opened = open(plan, CreatePlan.class, user, true);
                checkUp();
                CreatePlan create = opened.plan();
                Entity entity = opened.entity();
                Map<String, Object> row = rowToInsert(entity, create, opened.scope());
                opened.scope().unique(entity, row);
                opened.scope().references(entity, List.of(row), allColumns(entity));
                Map<String, Object> shown = new LinkedHashMap<>();
                for (Column column : entity.visibleColumns()) {
                    Object value = row.containsKey(column.name())
                            ? MemoryRows.shown(column, row.get(column.name()))
                            : column.generation().isGenerated()
                                    ? Placeholder.GENERATED
                                    : column.hasDefault() ? Placeholder.DATABASE_DEFAULT : null;
                    shown.put(column.name(), value);
                }
                Preview preview = new Preview(
                        Intent.CREATE,
                        create.entity(),
                        List.of(RowChange.insert(shown)),
                        List.copyOf(create.values().keySet()));
                return new PreviewOutcome.Ready(
                        preview, new PreviewSnapshot(create, List.of(), MemoryRows.hash(List.of(row))));
            } catch (MemoryRefusal refused) {
                return new PreviewOutcome.Refused(refused.refusal());
            }
        }
    }

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        synchronized (tables) {
            try {
                Opened<UpdatePlan> opened = open(plan, UpdatePlan.class, user, true);
                checkUp();
                return MemoryUpdates.preview(
                        opened.plan(), opened.entity(), opened.scope(), roles.maxAffectedRows(user.role(), limits));
            } catch (MemoryRefusal refused) {
                return new PreviewOutcome.Refused(refused.refusal());
            }
        }
    }

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(gate, "gate");
        synchronized (tables) {
            executeCalls.incrementAndGet();
            try {
                // INV-10 and INV-4: read-only mode, the role and the plan are checked again at confirm time
                Opened<Plan> opened = open(preview.plan(), Plan.class, user, true);
                checkUp();
                if (opened.plan() instanceof CreatePlan create) {
                    return insert(create, opened.entity(), preview, opened.scope(), gate);
                }
                if (opened.plan() instanceof UpdatePlan update) {
                    int cap = roles.maxAffectedRows(user.role(), limits);
                    List<Map<String, Object>> rows =
                            MemoryUpdates.confirmedRows(update, opened.entity(), preview, opened.scope(), cap);
                    CommitOutcome.Committed committed = new CommitOutcome.Committed(
                            rows.size(),
                            rows.stream()
                                    .map(row -> MemoryRows.key(opened.entity(), row))
                                    .toList());
                    gate.beforeCommit(committed);
                    return commit(committed, () -> rows.forEach(row -> row.putAll(update.changes())));
                }
                return new CommitOutcome.Refused(
                        Refusal.of(RefusalCode.NO_PENDING_PREVIEW, "Only a previewed change can be confirmed."));
            } catch (MemoryRefusal refused) {
                return new CommitOutcome.Refused(refused.refusal());
            }
        }
    }

    @Override
    public CommitOutcome.Unknown checkConfirmed(PreviewSnapshot preview, UserContext user) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(user, "user");
        int rows = preview.plan() instanceof CreatePlan ? 1 : preview.keys().size();
        CommitOutcome.Unknown notChecked =
                new CommitOutcome.Unknown(CommitOutcome.Finding.NOT_CHECKED, rows, preview.keys());
        synchronized (tables) {
            if (down) {
                return notChecked;
            }
            try {
                // a look, not a write: the read-only switch does not stop it
                Opened<Plan> opened = open(preview.plan(), Plan.class, user, lookValidator);
                if (opened.plan() instanceof CreatePlan create) {
                    return MemoryCommitCheck.afterCreate(
                            opened.entity(), rowToInsert(opened.entity(), create, opened.scope()), opened.scope());
                }
                if (opened.plan() instanceof UpdatePlan update) {
                    return MemoryCommitCheck.afterUpdate(update, opened.entity(), preview, opened.scope());
                }
                return notChecked;
            } catch (MemoryRefusal refused) {
                return notChecked;
            }
        }
    }

    private CommitOutcome insert(
            CreatePlan create, Entity entity, PreviewSnapshot preview, MemoryScope scope, CommitGate gate) {
        Map<String, Object> row = rowToInsert(entity, create, scope);
        if (!preview.keys().isEmpty() || !MemoryRows.hash(List.of(row)).equals(preview.valuesHash())) {
            throw new MemoryRefusal(MemoryUpdates.rowsChanged());
        }
        // the parents may have moved or gone, and a clashing row may have appeared, since the preview
        scope.references(entity, List.of(row), allColumns(entity));
        scope.unique(entity, row);
        MemoryDefaults.fill(entity, row, clock.now());
        for (String name : entity.primaryKey()) {
            if (row.get(name) == null) {
                row.put(name, nextId.getAndIncrement());
            }
        }
        // the row as it would be stored, defaults included, must meet the role's row rules
        scope.checkRowRules(entity, row, create.entity(), Intent.CREATE, true);
        CommitOutcome.Committed committed = new CommitOutcome.Committed(1, List.of(MemoryRows.key(entity, row)));
        gate.beforeCommit(committed);
        return commit(
                committed,
                () -> tables.computeIfAbsent(create.entity(), e -> new ArrayList<>())
                        .add(row));
    }

    /** Applies the write and counts it, unless the commit's answer is to be lost. */
    private CommitOutcome commit(CommitOutcome.Committed committed, Runnable write) {
        LostCommit lost = lostCommit;
        lostCommit = LostCommit.NONE;
        if (lost != LostCommit.NOT_APPLIED) {
            write.run();
            commits.incrementAndGet();
        }
        if (lost == LostCommit.NONE) {
            return committed;
        }
        return new CommitOutcome.Unknown(
                lost == LostCommit.APPLIED ? CommitOutcome.Finding.APPLIED : CommitOutcome.Finding.NOT_APPLIED,
                committed.rowCount(),
                committed.keys());
    }

    /** The validated values plus the tenant column from the caller's identity; refuses missing fields. */
    private static Map<String, Object> rowToInsert(Entity entity, CreatePlan create, MemoryScope scope) {
        if (!entity.hasPrimaryKey()) {
            throw new MemoryRefusal(
                    Refusal.of(RefusalCode.ENTITY_READ_ONLY, Wording.entityReadOnly(create.entity(), Intent.CREATE)));
        }
        List<String> missing = PlanValidator.missingRequired(entity, create.values());
        if (!missing.isEmpty()) {
            throw new MemoryRefusal(Refusal.of(
                    RefusalCode.MISSING_REQUIRED_FIELD,
                    "To add to " + create.entity() + ", also say: " + String.join(", ", missing) + "."));
        }
        Map<String, Object> row = new LinkedHashMap<>(create.values());
        // INV-7: the tenant column comes from the verified identity only
        scope.forcedTenant(entity).ifPresent(t -> row.put(t.getKey(), t.getValue()));
        scope.checkRowRules(entity, row, create.entity(), Intent.CREATE, false);
        return row;
    }

    private static Set<String> allColumns(Entity entity) {
        Set<String> names = new LinkedHashSet<>();
        entity.columns().forEach(column -> names.add(column.name()));
        return names;
    }

    /**
     * The opening of every call, as the real executor's: a write is refused at once in read-only mode, then
     * the plan is validated against the caller's view of the catalog and handed on coerced.
     */
    private <P extends Plan> Opened<P> open(Plan plan, Class<P> type, UserContext user, boolean write) {
        if (write && readOnlyMode.isOn()) {
            throw new MemoryRefusal(PlanValidator.readOnlyRefusal());
        }
        return open(plan, type, user, validator);
    }

    private <P extends Plan> Opened<P> open(Plan plan, Class<P> type, UserContext user, PlanValidator checks) {
        EntityCatalog entities = checks.callerCatalog(catalog, user);
        Validation validation = checks.validate(plan, entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            throw new MemoryRefusal(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        return new Opened<>(
                type.cast(valid.plan()),
                valid.entity(),
                new MemoryScope(
                        tables,
                        entities,
                        limits.tenantColumn(),
                        user,
                        parent -> checks.mayRead(parent, entities, user),
                        roles.grant(user.role())));
    }

    private void checkUp() {
        if (down) {
            throw DependencyUnavailableException.targetDatabase("the in-memory database is switched off", null);
        }
    }

    /** A validated plan with its entity and the caller's scope. */
    private record Opened<P extends Plan>(P plan, Entity entity, MemoryScope scope) {}

    private enum LostCommit {
        NONE,
        APPLIED,
        NOT_APPLIED
    }
}
