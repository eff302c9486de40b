package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.core.validation.ValueCoercion;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Explain;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectLimitPercentStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * jOOQ-backed {@link GuardedExecutor} for PostgreSQL, MariaDB/MySQL, SQLite and H2. Create it with
 * {@link #create}.
 *
 * <p>Every plan is validated again with the core {@link PlanValidator} (role, read-only mode,
 * exposure, types, limits), whatever the caller did before. Statements are built only with jOOQ's
 * DSL from catalog identifiers and bound values; the tenant condition is added to every statement
 * on a tenant-scoped entity and the tenant column is forced on insert; an execute listener aborts
 * anything that is not one SELECT, INSERT or UPDATE. Reads run in a read-only transaction with a
 * statement timeout; a confirm locks the previewed rows, checks they are exactly as previewed and
 * updates only their primary keys.
 *
 * <p>Connections: on a data source that other code also uses (the default), every PostgreSQL
 * transaction sets its statement timeout with {@code SET LOCAL} and hands the connection back without
 * TableTalk session state; a read costs three round trips (read-only {@code BEGIN} with the timeout,
 * the SELECT, the commit). Better, give the executor a pool of its own and configure
 * {@link ExecutorConfig#withDedicatedPool()}: each physical PostgreSQL connection then keeps the statement
 * timeout and {@code default_transaction_read_only} as session settings, and a read is one round trip.
 * On MariaDB/MySQL and H2 the timeouts are session settings in either case, set again by every
 * transaction of the executor, so share such a pool only with code that sets its own.
 *
 * <p>SQLite: configure the data source's busy timeout to the lock timeout (sqlite-jdbc
 * {@code SQLiteConfig.setBusyTimeout}) and, to have foreign keys checked, {@code enforceForeignKeys}.
 *
 * <p>Thread-safe: one instance serves every session.
 */
public final class JooqGuardedExecutor implements GuardedExecutor {

    private final TargetDatabase database;
    private final SchemaCatalog catalog;
    private final ExecutorConfig config;
    private final PlanValidator validator;

    private JooqGuardedExecutor(TargetDatabase database, SchemaCatalog catalog, ExecutorConfig config) {
        this.database = database;
        this.catalog = catalog;
        this.config = config;
        this.validator = new PlanValidator(config.limits(), config.rolePolicy(), config.readOnlyMode());
    }

    /**
     * The executor on {@code target}; the dialect is detected from a first connection.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be reached
     * @throws dev.tabletalk.core.error.ConfigurationException when the database is not supported
     */
    public static GuardedExecutor create(DataSource target, SchemaCatalog catalog, ExecutorConfig config) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(config, "config");
        return new JooqGuardedExecutor(TargetDatabase.open(target, config.limits(), config.dedicatedPool()), catalog, config);
    }

    TargetDatabase database() {
        return database;
    }

    private Limits limits() {
        return config.limits();
    }

    // ---------------------------------------------------------------- read

    @Override
    public ReadOutcome read(ReadPlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        EntityCatalog entities = validator.callerCatalog(catalog.current(), user);
        Validation validation = validator.validate(plan, entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            return new ReadOutcome.Refused(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        ReadPlan read = (ReadPlan) valid.plan();
        Entity entity = valid.entity();
        try {
            TenantScope scope = scope(entities, user);
            List<Column> shown = shownColumns(entity, read.fields());
            // INV-3: never more than the configured cap, and never more than the hard cap
            int cap = Math.min(Math.min(limits().maxRows(), Limits.HARD_MAX_ROWS),
                    read.limit().isPresent() ? limits().effectiveRowLimit(read.limit().getAsInt()) : limits().maxRows());
            // INV-7: only the caller's rows, directly or through every foreign-key path to a tenant table
            Condition where = Sql.filters(entity, read.filters()).and(scope.condition(entity));
            List<OrderField<?>> order = order(entity, read.orderBy());
            RowSet rows = database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                SelectLimitPercentStep<Record> select = db.select(fieldsOf(shown))
                        .from(Sql.table(entity))
                        .where(where)
                        .orderBy(order)
                        .limit(cap + 1);
                costGate(db, select);
                if (database.dialect().readsColumnsDirectly() && DirectRows.supports(shown)) {
                    return DirectRows.fetch(select, shown, cap);
                }
                Result<Record> result = select.fetch();
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < Math.min(cap, result.size()); i++) {
                    list.add(RowValues.shown(result.get(i), shown));
                }
                return new RowSet(names(shown), list, result.size() > cap);
            });
            return new ReadOutcome.Rows(rows);
        } catch (RefusalSignal refused) {
            return new ReadOutcome.Refused(refused.refusal());
        }
    }

    private void costGate(DSLContext db, org.jooq.Select<?> select) {
        if (config.maxQueryCost().isEmpty() || !database.dialect().supportsCostGate()) {
            return;
        }
        Explain explain = StatementGuard.allowingExplain(() -> db.explain(select));
        double measure = Double.isNaN(explain.cost()) ? explain.rows() : explain.cost();
        if (measure > config.maxQueryCost().getAsDouble()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.COST_TOO_HIGH, "That search would have to look through too"
                    + " much data. Narrow it down, for example with an exact id, an exact status or a date range."));
        }
    }

    private static List<Column> shownColumns(Entity entity, List<String> fields) {
        List<String> names = !fields.isEmpty() ? fields
                : !entity.form().readNames().isEmpty() ? entity.form().readNames()
                : names(entity.visibleColumns());
        List<Column> columns = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            // INV-6: hidden columns are never selected, whatever the plan or the form says
            entity.column(name).filter(c -> !c.isHidden()).ifPresent(columns::add);
        }
        if (columns.isEmpty()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.UNKNOWN_FIELD, "There is nothing to show for " + entity.name() + "."));
        }
        return columns;
    }

    private static List<OrderField<?>> order(Entity entity, List<Sort> sorts) {
        List<OrderField<?>> order = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Sort sort : sorts) {
            Column column = entity.column(sort.field()).filter(c -> !c.isHidden() && !c.isMasked())
                    .orElseThrow(() -> new IllegalStateException("validated sort on a column that cannot be sorted"));
            Field<Object> field = Sql.field(column);
            order.add(sort.descending() ? field.desc() : field.asc());
            used.add(column.name());
        }
        List<Column> tieBreak = entity.hasPrimaryKey() ? Sql.primaryKey(entity)
                : entity.visibleColumns().isEmpty() ? List.of() : List.of(entity.visibleColumns().get(0));
        for (Column column : tieBreak) {
            if (used.add(column.name())) {
                order.add(Sql.field(column).asc());
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- create

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        if (config.readOnlyMode().isOn()) {
            return new PreviewOutcome.Refused(PlanValidator.readOnlyRefusal());
        }
        EntityCatalog entities = validator.callerCatalog(catalog.current(), user);
        Validation validation = validator.validate(plan, entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            return new PreviewOutcome.Refused(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        CreatePlan create = (CreatePlan) valid.plan();
        Entity entity = valid.entity();
        try {
            TenantScope scope = scope(entities, user);
            Map<String, Object> row = rowToInsert(entity, create, scope);
            database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                uniquePreChecks(db, entity, row);
                referenceChecks(db, entities, entity, List.of(row), allColumns(entity), scope);
                return Boolean.TRUE;
            });
            Map<String, Object> shown = new LinkedHashMap<>();
            for (Column column : entity.visibleColumns()) {
                Object value;
                if (row.containsKey(column.name())) {
                    Object plain = row.get(column.name());
                    value = column.isMasked() ? Masker.mask(plain) : plain;
                } else if (column.generation().isGenerated()) {
                    value = Placeholder.GENERATED;
                } else if (column.hasDefault()) {
                    value = Placeholder.DATABASE_DEFAULT;
                } else {
                    value = null;
                }
                shown.put(column.name(), value);
            }
            Preview preview = new Preview(Intent.CREATE, create.entity(), List.of(RowChange.insert(shown)),
                    List.copyOf(create.values().keySet()));
            return new PreviewOutcome.Ready(preview, new PreviewSnapshot(create, List.of(), RowValues.hash(List.of(row))));
        } catch (RefusalSignal refused) {
            return new PreviewOutcome.Refused(refused.refusal());
        }
    }

    /** The validated values plus the tenant column from the caller's identity; refuses missing fields. */
    private Map<String, Object> rowToInsert(Entity entity, CreatePlan create, TenantScope scope) {
        if (!entity.hasPrimaryKey()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.ENTITY_READ_ONLY, create.entity() + " can be read but not added to here."));
        }
        List<String> missing = PlanValidator.missingRequired(entity, create.values());
        if (!missing.isEmpty()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.MISSING_REQUIRED_FIELD, "To add to " + create.entity()
                    + ", also say: " + String.join(", ", missing) + "."));
        }
        Map<String, Object> row = new LinkedHashMap<>(create.values());
        // INV-7: the tenant column comes from the verified identity only
        scope.forcedTenant(entity).ifPresent(t -> row.put(t.column().name(), t.value()));
        return row;
    }

    private void uniquePreChecks(DSLContext db, Entity entity, Map<String, Object> row) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(entity.primaryKey());
        keys.addAll(entity.uniqueKeys());
        for (List<String> key : keys) {
            if (key.isEmpty() || !key.stream().allMatch(name -> row.get(name) != null)) {
                continue;
            }
            List<Condition> conditions = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (String name : key) {
                Column column = entity.column(name).orElseThrow();
                conditions.add(Sql.field(column).eq(Sql.value(column, row.get(name))));
                if (!isTenantColumn(column) && !column.isHidden()) {
                    described.add(column.name() + " " + ValueText.quote(column.isMasked()
                            ? Masker.mask(row.get(name)) : row.get(name)));
                }
            }
            if (db.fetchExists(Sql.table(entity), DSL.and(conditions))) {
                throw new RefusalSignal(Refusal.of(RefusalCode.UNIQUE_VIOLATION, "There is already a row in "
                        + entity.name() + (described.isEmpty() ? " with these values" : " with " + String.join(" and ", described))
                        + ". Use a different value."));
            }
        }
    }

    /**
     * Every foreign key that the write sets must point at a row the caller may see (INV-7): the parent must
     * exist and be in the caller's scope, and "another tenant's row" answers exactly like "no such row", at
     * preview and again at confirm (SQLite enforces no foreign keys, so this is also what keeps it from
     * dangling references). On a {@code via} entity the keys that tie a row to its tenant may not be empty.
     *
     * @param rows the values each written row will have (for an update: before plus changes)
     * @param touched the columns the write sets
     */
    private void referenceChecks(DSLContext db, EntityCatalog entities, Entity entity, List<Map<String, Object>> rows,
            Set<String> touched, TenantScope scope) {
        Set<ForeignKey> tenantKeys = new LinkedHashSet<>();
        if (scope.tenancyOf(entity) instanceof Tenancy.Via via) {
            via.paths().forEach(path -> tenantKeys.add(path.firstKey()));
        }
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().stream().noneMatch(touched::contains) || key.columns().stream().allMatch(name -> name.equalsIgnoreCase(limits().tenantColumn()))) {
                continue;
            }
            Set<List<Object>> checked = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                key.columns().forEach(name -> values.add(row.get(name)));
                if (values.contains(null)) {
                    if (tenantKeys.contains(key)) {
                        throw new RefusalSignal(Refusal.of(RefusalCode.MISSING_REQUIRED_FIELD, String.join(", ", key.columns())
                                + " cannot be empty: it ties each " + entities.referenceOf(entity)
                                + " row to your data. Give an existing one."));
                    }
                    continue;
                }
                if (checked.add(values)) {
                    requireVisibleParent(db, entities, entity, key, values, scope);
                }
            }
        }
    }

    private void requireVisibleParent(DSLContext db, EntityCatalog entities, Entity entity, ForeignKey key,
            List<Object> values, TenantScope scope) {
        Optional<Entity> target = entities.target(entity, key);
        if (target.isEmpty()) {
            return; // not in the catalog: only the database can check it
        }
        Entity parent = target.get();
        List<Condition> conditions = new ArrayList<>();
        Optional<Condition> reachable = scope.reachable(parent);
        boolean found = reachable.isPresent();
        for (int i = 0; i < key.columns().size() && found; i++) {
            Optional<Column> column = parent.column(key.targetColumns().get(i));
            if (column.isEmpty()) {
                found = false;
            } else {
                Coerced coerced = ValueCoercion.fromPlan(column.get(), values.get(i));
                conditions.add(Sql.field(column.get()).eq(Sql.value(column.get(),
                        coerced instanceof Coerced.Value value ? value.value() : values.get(i))));
            }
        }
        // G2: a row of another tenant does not exist for this caller
        if (found && db.fetchExists(Sql.table(parent), DSL.and(conditions).and(reachable.get()))) {
            return;
        }
        String shownValues = values.stream().map(ValueText::quote).reduce((a, b) -> a + ", " + b).orElse("");
        String message = parent.exposure().isVisible() && key.targetColumns().stream()
                .allMatch(c -> parent.column(c).map(col -> !col.isHidden()).orElse(false))
                ? "There is no " + entities.referenceOf(parent) + " with " + String.join(", ", key.targetColumns())
                        + " " + shownValues + ". Check the " + String.join(", ", key.columns()) + "."
                : String.join(", ", key.columns()) + " " + shownValues + " does not refer to an existing row.";
        throw new RefusalSignal(Refusal.of(RefusalCode.FOREIGN_KEY_VIOLATION, message));
    }

    // ---------------------------------------------------------------- update

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        if (config.readOnlyMode().isOn()) {
            return new PreviewOutcome.Refused(PlanValidator.readOnlyRefusal());
        }
        EntityCatalog entities = validator.callerCatalog(catalog.current(), user);
        Validation validation = validator.validate(plan, entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            return new PreviewOutcome.Refused(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        UpdatePlan update = (UpdatePlan) valid.plan();
        Entity entity = valid.entity();
        try {
            checkUpdatable(entity, update);
            TenantScope scope = scope(entities, user);
            int cap = config.rolePolicy().maxAffectedRows(user.role(), limits());
            // INV-7: another tenant's row answers exactly like a missing one
            Condition where = Sql.filters(entity, update.filters()).and(scope.condition(entity));
            List<Column> snapshotColumns = snapshotColumns(entity);
            List<Column> shown = previewColumns(entity, update);
            Result<Record> rows = database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                // INV-5: selectivity is checked by counting, whatever the filter looks like
                int count = db.fetchCount(Sql.table(entity), where);
                if (count > cap) {
                    throw new RefusalSignal(capExceeded(count, cap));
                }
                if (count == 0) {
                    throw new RefusalSignal(noMatchingRows(update.entity()));
                }
                Result<Record> matched = db.select(fieldsOf(snapshotColumns)).from(Sql.table(entity)).where(where)
                        .orderBy(keyOrder(entity)).limit(cap + 1).fetch();
                referenceChecks(db, entities, entity, rowsAfter(matched, snapshotColumns, update, scope, entity),
                        update.changes().keySet(), scope);
                return matched;
            });
            if (rows.size() > cap) {
                return new PreviewOutcome.Refused(capExceeded(rows.size(), cap));
            }
            if (rows.isEmpty()) {
                return new PreviewOutcome.Refused(noMatchingRows(update.entity()));
            }
            List<RowChange> changes = new ArrayList<>();
            List<RowKey> keys = new ArrayList<>();
            for (Record record : rows) {
                RowKey key = RowValues.key(record, entity, snapshotColumns);
                keys.add(key);
                Map<String, Object> before = RowValues.shown(record, shown, snapshotColumns);
                Map<String, Object> after = new LinkedHashMap<>(before);
                update.changes().forEach((name, value) -> {
                    Column column = entity.column(name).orElseThrow();
                    after.put(name, column.isMasked() ? Masker.mask(value) : RowValues.plain(value));
                });
                changes.add(new RowChange(Optional.of(key), before, after));
            }
            Preview preview = new Preview(Intent.UPDATE, update.entity(), changes, List.copyOf(update.changes().keySet()));
            return new PreviewOutcome.Ready(preview, new PreviewSnapshot(update, keys, hash(rows, snapshotColumns)));
        } catch (RefusalSignal refused) {
            return new PreviewOutcome.Refused(refused.refusal());
        }
    }

    private static void checkUpdatable(Entity entity, UpdatePlan update) {
        if (update.filters().isEmpty()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.UPDATE_REQUIRES_FILTER, "Say which " + update.entity()
                    + " to change, e.g. 'where id is 42'. Changing every row is not allowed."));
        }
        if (!entity.hasPrimaryKey()) {
            throw new RefusalSignal(Refusal.of(RefusalCode.ENTITY_READ_ONLY, update.entity() + " can be read but not changed here."));
        }
    }

    /** Every non-hidden column plus the primary key: the values a confirm must find unchanged. */
    private static List<Column> snapshotColumns(Entity entity) {
        List<Column> columns = new ArrayList<>(Sql.primaryKey(entity));
        for (Column column : entity.visibleColumns()) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    private static List<Column> previewColumns(Entity entity, UpdatePlan update) {
        Set<String> names = new LinkedHashSet<>(entity.primaryKey());
        names.addAll(entity.form().readNames().isEmpty() ? names(entity.visibleColumns()) : entity.form().readNames());
        names.addAll(update.changes().keySet());
        List<Column> columns = new ArrayList<>();
        for (Column column : entity.columns()) {
            if (names.contains(column.name()) && !column.isHidden()) {
                columns.add(column);
            }
        }
        return columns;
    }

    private static String hash(List<Record> rows, List<Column> columns) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Record record : rows) {
            values.add(RowValues.raw(record, columns));
        }
        return RowValues.hash(values);
    }

    private static Refusal capExceeded(int count, int cap) {
        return Refusal.of(RefusalCode.CAP_EXCEEDED, "That would change " + count + " rows; at most " + cap
                + " can be changed at once. Add a condition to narrow it down.");
    }

    private static Refusal noMatchingRows(String entity) {
        return Refusal.of(RefusalCode.NO_MATCHING_ROWS, "No " + entity + " row matches that, so nothing would change."
                + " Check the conditions and try again.");
    }

    // ---------------------------------------------------------------- confirm

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(gate, "gate");
        // INV-10: refused at once, before anything else
        if (config.readOnlyMode().isOn()) {
            return new CommitOutcome.Refused(PlanValidator.readOnlyRefusal());
        }
        EntityCatalog entities = validator.callerCatalog(catalog.current(), user);
        // INV-4: the role, the mode and the plan are checked again at confirm time
        Validation validation = validator.validate(preview.plan(), entities, user);
        if (validation instanceof Validation.Invalid invalid) {
            return new CommitOutcome.Refused(invalid.refusal());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        try {
            Plan plan = valid.plan();
            if (plan instanceof CreatePlan create) {
                return insert(create, valid.entity(), entities, preview, user, gate);
            }
            if (plan instanceof UpdatePlan update) {
                return update(update, valid.entity(), entities, preview, user, gate);
            }
            throw new RefusalSignal(Refusal.of(RefusalCode.NO_PENDING_PREVIEW, "Only a previewed change can be confirmed."));
        } catch (RefusalSignal refused) {
            return new CommitOutcome.Refused(refused.refusal());
        } catch (TargetDatabase.GateFailure failure) {
            throw failure.original();
        }
    }

    private CommitOutcome insert(CreatePlan create, Entity entity, EntityCatalog entities, PreviewSnapshot preview,
            UserContext user, CommitGate gate) {
        TenantScope scope = scope(entities, user);
        Map<String, Object> row = rowToInsert(entity, create, scope);
        if (!preview.keys().isEmpty() || !RowValues.hash(List.of(row)).equals(preview.valuesHash())) {
            throw new RefusalSignal(rowsChanged());
        }
        List<Column> key = Sql.primaryKey(entity);
        try {
            return inserted(entity, entities, row, key, scope, gate);
        } catch (TargetDatabase.CommitUnknown lost) {
            // the key the database returned before the commit finds the row even when it is generated
            Map<String, Object> written = new LinkedHashMap<>(row);
            lost.approved().flatMap(approved -> approved.keys().stream().findFirst())
                    .ifPresent(generated -> generated.values().forEach(written::putIfAbsent));
            return new CommitCheck(database).afterCreate(entity, written, scope.condition(entity));
        }
    }

    private CommitOutcome.Committed inserted(Entity entity, EntityCatalog entities, Map<String, Object> row,
            List<Column> key, TenantScope scope, CommitGate gate) {
        return database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            // the parents may have moved or gone since the preview
            referenceChecks(db, entities, entity, List.of(row), allColumns(entity), scope);
            Table<Record> table = Sql.table(entity);
            Record generated = db.insertInto(table).set(Sql.assignments(entity, row))
                    .returningResult(fieldsOf(key)).fetchOne();
            Map<String, Object> keyValues = new LinkedHashMap<>();
            for (Column column : key) {
                Object value = row.containsKey(column.name()) ? row.get(column.name())
                        : generated == null ? null : RowValues.plain(generated, key.indexOf(column));
                if (value == null) {
                    throw new IllegalStateException("the database returned no key for the new row");
                }
                keyValues.put(column.name(), value);
            }
            CommitOutcome.Committed committed = new CommitOutcome.Committed(1, List.of(RowKey.of(keyValues)));
            passGate(gate, committed, attempt);
            return committed;
        });
    }

    private CommitOutcome update(UpdatePlan update, Entity entity, EntityCatalog entities, PreviewSnapshot preview,
            UserContext user, CommitGate gate) {
        checkUpdatable(entity, update);
        TenantScope scope = scope(entities, user);
        int cap = config.rolePolicy().maxAffectedRows(user.role(), limits());
        List<RowKey> keys = checkedKeys(entity, preview.keys());
        if (keys.isEmpty()) {
            throw new RefusalSignal(noMatchingRows(update.entity()));
        }
        if (keys.size() > cap) {
            throw new RefusalSignal(capExceeded(keys.size(), cap));
        }
        try {
            return updated(update, entity, entities, preview, scope, cap, keys, gate);
        } catch (TargetDatabase.CommitUnknown lost) {
            return new CommitCheck(database).afterUpdate(entity, keys, update.changes(), scope.condition(entity),
                    snapshotColumns(entity), preview.valuesHash());
        }
    }

    private CommitOutcome.Committed updated(UpdatePlan update, Entity entity, EntityCatalog entities,
            PreviewSnapshot preview, TenantScope scope, int cap, List<RowKey> keys, CommitGate gate) {
        Table<Record> table = Sql.table(entity);
        Condition filters = Sql.filters(entity, update.filters()).and(scope.condition(entity));
        List<Column> snapshotColumns = snapshotColumns(entity);
        List<Column> pk = Sql.primaryKey(entity);
        return database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            if (!database.dialect().supportsRowLocks()) {
                // SQLite: take the database write lock first (BEGIN IMMEDIATE semantics); matches no row
                Field<String> first = DSL.field(DSL.name(pk.get(0).name()), String.class);
                db.update(table).set(first, first).where(DSL.falseCondition()).execute();
            }
            var select = db.select(fieldsOf(snapshotColumns)).from(table).where(filters)
                    .orderBy(keyOrder(entity)).limit(cap + 1);
            Result<Record> current = database.dialect().supportsRowLocks() ? select.forUpdate().fetch() : select.fetch();
            List<RowKey> currentKeys = new ArrayList<>();
            for (Record record : current) {
                currentKeys.add(RowValues.key(record, entity, snapshotColumns));
            }
            // the same rows (none gone, none new) with the same values, or nothing happens
            if (!currentKeys.equals(keys) || !hash(current, snapshotColumns).equals(preview.valuesHash())) {
                throw new RefusalSignal(rowsChanged());
            }
            referenceChecks(db, entities, entity, rowsAfter(current, snapshotColumns, update, scope, entity),
                    update.changes().keySet(), scope);
            // INV-5: only the previewed keys, and still only where the filters and the tenant hold
            int affected = db.update(table).set(Sql.assignments(entity, update.changes()))
                    .where(Sql.keyIn(entity, keys)).and(filters).execute();
            if (affected != keys.size()) {
                throw new RefusalSignal(rowsChanged());
            }
            CommitOutcome.Committed committed = new CommitOutcome.Committed(affected, keys);
            passGate(gate, committed, attempt);
            return committed;
        });
    }

    /** The snapshot's keys with values coerced to the key columns' types; anything odd counts as changed. */
    private static List<RowKey> checkedKeys(Entity entity, List<RowKey> keys) {
        List<Column> pk = Sql.primaryKey(entity);
        List<RowKey> checked = new ArrayList<>();
        for (RowKey key : keys) {
            if (key.values().size() != pk.size()) {
                throw new RefusalSignal(rowsChanged());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Column column : pk) {
                if (!key.values().containsKey(column.name()) || key.values().get(column.name()) == null) {
                    throw new RefusalSignal(rowsChanged());
                }
                Coerced coerced = ValueCoercion.fromPlan(column, key.values().get(column.name()));
                if (!(coerced instanceof Coerced.Value value) || value.value() == null) {
                    throw new RefusalSignal(rowsChanged());
                }
                values.put(column.name(), RowValues.plain(value.value()));
            }
            checked.add(RowKey.of(values));
        }
        return checked;
    }

    private static void passGate(CommitGate gate, CommitOutcome.Committed committed, TargetDatabase.Attempt attempt) {
        attempt.markGateCalled(committed);
        try {
            gate.beforeCommit(committed);
        } catch (RuntimeException e) {
            throw new TargetDatabase.GateFailure(e);
        }
    }

    private static Refusal rowsChanged() {
        return Refusal.of(RefusalCode.ROWS_CHANGED, "The rows changed since the preview, so nothing was changed."
                + " Ask again to see a fresh preview, then confirm that.");
    }

    // ---------------------------------------------------------------- shared

    /** What a create touches: every column, set or left to NULL or its default. */
    private static Set<String> allColumns(Entity entity) {
        Set<String> names = new LinkedHashSet<>();
        entity.columns().forEach(column -> names.add(column.name()));
        return names;
    }

    private TenantScope scope(EntityCatalog entities, UserContext user) {
        return new TenantScope(entities.tenancies(limits().tenantColumn()), user);
    }

    /** Each matched row's values once the update is applied, with the forced tenant where it is not read. */
    private static List<Map<String, Object>> rowsAfter(List<Record> rows, List<Column> columns, UpdatePlan update,
            TenantScope scope, Entity entity) {
        List<Map<String, Object>> after = new ArrayList<>();
        for (Record record : rows) {
            Map<String, Object> values = new LinkedHashMap<>(RowValues.raw(record, columns));
            scope.forcedTenant(entity).ifPresent(t -> values.putIfAbsent(t.column().name(), t.value()));
            values.putAll(update.changes());
            after.add(values);
        }
        return after;
    }

    private boolean isTenantColumn(Column column) {
        return column.name().equalsIgnoreCase(limits().tenantColumn());
    }

    private static List<OrderField<?>> keyOrder(Entity entity) {
        List<OrderField<?>> order = new ArrayList<>();
        for (Column column : Sql.primaryKey(entity)) {
            order.add(Sql.field(column).asc());
        }
        return order;
    }

    private static List<Field<?>> fieldsOf(List<Column> columns) {
        List<Field<?>> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(Sql.field(column));
        }
        return fields;
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
