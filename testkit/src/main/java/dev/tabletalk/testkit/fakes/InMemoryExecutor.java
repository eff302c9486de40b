package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guarded executor over rows held in memory, for engine and adapter tests. It keeps the
 * shapes and the protocol of the real executor (tenant forcing, row cap, update cap, preview
 * snapshot checked at confirm, the commit gate before the commit) but none of its SQL. It
 * trusts the catalog it is given and assumes plans were validated. Thread-safe (one lock).
 */
public final class InMemoryExecutor implements GuardedExecutor {

    private final EntityCatalog catalog;
    private final Limits limits;
    /** The stored rows by table; also the lock of every executor that shares them. */
    private final Map<String, List<Map<String, Object>>> tables;
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger executeCalls = new AtomicInteger();
    private long nextId = 1000;
    private volatile boolean down;
    private LostCommit lostCommit = LostCommit.NONE;

    public InMemoryExecutor(EntityCatalog catalog, Limits limits) {
        this(catalog, limits, new HashMap<>());
    }

    private InMemoryExecutor(EntityCatalog catalog, Limits limits, Map<String, List<Map<String, Object>>> tables) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tables = tables;
    }

    /**
     * Another executor over the same stored rows (as two executors over one database), with its own
     * catalog and limits; the counters and switches are its own.
     */
    public InMemoryExecutor sharingRows(EntityCatalog otherCatalog, Limits otherLimits) {
        return new InMemoryExecutor(otherCatalog, otherLimits, tables);
    }

    /** Adds a row as it is (test data; no checks). */
    public InMemoryExecutor insert(String entity, Map<String, ?> row) {
        synchronized (tables) {
            tables.computeIfAbsent(entity, e -> new ArrayList<>()).add(new LinkedHashMap<>(row));
            return this;
        }
    }

    /** Every row of an entity, as stored. */
    public List<Map<String, Object>> rows(String entity) {
        synchronized (tables) {
            return tables.getOrDefault(entity, List.of()).stream().map(r -> Map.copyOf(withoutNulls(r))).toList();
        }
    }

    /** Every stored row of an entity as it is (nulls included), in insertion order; copies. */
    List<Map<String, Object>> storedRows(String entity) {
        synchronized (tables) {
            return tables.getOrDefault(entity, List.of()).stream()
                    .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
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
                if (Objects.equals(row.get("id"), id)) {
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
        this.lostCommit = applied ? LostCommit.APPLIED : LostCommit.NOT_APPLIED;
    }

    private CommitOutcome lost(CommitOutcome.Committed committed, Runnable write) {
        LostCommit lost = lostCommit;
        lostCommit = LostCommit.NONE;
        if (lost == LostCommit.APPLIED) {
            write.run();
            commits.incrementAndGet();
        }
        return new CommitOutcome.Unknown(lost == LostCommit.APPLIED ? CommitOutcome.Finding.APPLIED
                : CommitOutcome.Finding.NOT_APPLIED, committed.rowCount(), committed.keys());
    }

    private enum LostCommit {
        NONE,
        APPLIED,
        NOT_APPLIED
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
        synchronized (tables) {
            checkUp();
            Entity entity = entity(plan);
            List<String> columns = plan.fields().isEmpty() ? entity.form().readNames() : plan.fields();
            int limit = Math.min(plan.limit().orElse(limits.maxRows()), limits.maxRows());
            List<Map<String, Object>> matching = new ArrayList<>(matching(entity, plan.filters(), user));
            matching.sort(order(entity, plan.orderBy()));
            List<Map<String, Object>> shown = new ArrayList<>();
            for (Map<String, Object> row : matching.subList(0, Math.min(limit, matching.size()))) {
                Map<String, Object> projected = new LinkedHashMap<>();
                for (String column : columns) {
                    Object value = row.get(column);
                    boolean masked = entity.column(column).map(Column::isMasked).orElse(false);
                    projected.put(column, masked && value != null ? "***" : value);
                }
                shown.add(projected);
            }
            return new ReadOutcome.Rows(new RowSet(columns, shown, matching.size() > limit));
        }
    }

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        synchronized (tables) {
            checkUp();
            Entity entity = entity(plan);
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column column : entity.visibleColumns()) {
                if (plan.values().containsKey(column.name())) {
                    row.put(column.name(), plan.values().get(column.name()));
                } else if (column.name().equals(limits.tenantColumn())) {
                    row.put(column.name(), tenantValue(entity, user));
                } else if (column.generation().isGenerated()) {
                    row.put(column.name(), Placeholder.GENERATED);
                } else if (column.hasDefault()) {
                    row.put(column.name(), Placeholder.DATABASE_DEFAULT);
                }
            }
            Preview preview = new Preview(plan.intent(), plan.entity(), List.of(RowChange.insert(row)),
                    List.copyOf(plan.values().keySet()));
            return new PreviewOutcome.Ready(preview, new PreviewSnapshot(plan, List.of(), hash(List.of(row))));
        }
    }

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        synchronized (tables) {
            checkUp();
            Entity entity = entity(plan);
            if (plan.filters().isEmpty()) {
                return new PreviewOutcome.Refused(Refusal.of(RefusalCode.UPDATE_REQUIRES_FILTER, "Say which rows."));
            }
            List<Map<String, Object>> matching = matching(entity, plan.filters(), user);
            if (matching.isEmpty()) {
                return new PreviewOutcome.Refused(Refusal.of(RefusalCode.NO_MATCHING_ROWS,
                        "No " + plan.entity() + " matched, so nothing would change."));
            }
            if (matching.size() > limits.maxAffectedRows()) {
                return new PreviewOutcome.Refused(Refusal.of(RefusalCode.CAP_EXCEEDED, "That would change "
                        + matching.size() + " rows; at most " + limits.maxAffectedRows() + " can change at once."));
            }
            List<RowChange> changes = new ArrayList<>();
            List<RowKey> keys = new ArrayList<>();
            for (Map<String, Object> row : matching) {
                RowKey key = RowKey.of("id", row.get("id"));
                Map<String, Object> before = new LinkedHashMap<>();
                Map<String, Object> after = new LinkedHashMap<>();
                plan.changes().forEach((column, value) -> {
                    before.put(column, row.get(column));
                    after.put(column, value);
                });
                keys.add(key);
                changes.add(new RowChange(Optional.of(key), before, after));
            }
            Preview preview = new Preview(plan.intent(), plan.entity(), changes, List.copyOf(plan.changes().keySet()));
            return new PreviewOutcome.Ready(preview, new PreviewSnapshot(plan, keys, hash(matching)));
        }
    }

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        synchronized (tables) {
            executeCalls.incrementAndGet();
            checkUp();
            Plan plan = preview.plan();
            Entity entity = entity(plan);
            if (plan instanceof CreatePlan create) {
                Map<String, Object> row = new LinkedHashMap<>(create.values());
                for (Column column : entity.columns()) {
                    if (!row.containsKey(column.name())) {
                        constantDefault(column).ifPresent(value -> row.put(column.name(), value));
                    }
                }
                if (entity.column(limits.tenantColumn()).isPresent()) {
                    row.put(limits.tenantColumn(), tenantValue(entity, user));
                }
                long id = nextId++;
                row.put("id", id);
                CommitOutcome.Committed committed = new CommitOutcome.Committed(1, List.of(RowKey.of("id", id)));
                gate.beforeCommit(committed);
                if (lostCommit != LostCommit.NONE) {
                    return lost(committed, () -> tables.computeIfAbsent(plan.entity(), e -> new ArrayList<>()).add(row));
                }
                tables.computeIfAbsent(plan.entity(), e -> new ArrayList<>()).add(row);
                commits.incrementAndGet();
                return committed;
            }
            UpdatePlan update = (UpdatePlan) plan;
            List<Map<String, Object>> matching = matching(entity, update.filters(), user);
            List<RowKey> keys = matching.stream().map(r -> RowKey.of("id", r.get("id"))).toList();
            if (!keys.equals(preview.keys()) || !hash(matching).equals(preview.valuesHash())) {
                return new CommitOutcome.Refused(Refusal.of(RefusalCode.ROWS_CHANGED,
                        "The rows changed since the preview."));
            }
            CommitOutcome.Committed committed = new CommitOutcome.Committed(matching.size(), keys);
            gate.beforeCommit(committed);
            if (lostCommit != LostCommit.NONE) {
                return lost(committed, () -> matching.forEach(row -> row.putAll(update.changes())));
            }
            matching.forEach(row -> row.putAll(update.changes()));
            commits.incrementAndGet();
            return committed;
        }
    }

    private Entity entity(Plan plan) {
        return catalog.find(plan.entity())
                .orElseThrow(() -> new IllegalArgumentException("not in the catalog: " + plan.entity()));
    }

    private List<Map<String, Object>> matching(Entity entity, List<Filter> filters, UserContext user) {
        String reference = catalog.referenceOf(entity);
        boolean tenantScoped = entity.column(limits.tenantColumn()).isPresent();
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> row : tables.getOrDefault(reference, List.of())) {
            if (tenantScoped && !Objects.equals(String.valueOf(row.get(limits.tenantColumn())), tenant(user))) {
                continue;
            }
            if (filters.stream().allMatch(f -> matches(row.get(f.field()), f))) {
                result.add(row);
            }
        }
        return result;
    }

    private static boolean matches(Object actual, Filter filter) {
        Object expected = filter.value();
        return switch (filter.op()) {
            case IS_NULL -> actual == null;
            case IS_NOT_NULL -> actual != null;
            case EQ -> actual != null && compare(actual, expected) == 0;
            case NE -> actual != null && compare(actual, expected) != 0;
            case LT -> actual != null && compare(actual, expected) < 0;
            case LE -> actual != null && compare(actual, expected) <= 0;
            case GT -> actual != null && compare(actual, expected) > 0;
            case GE -> actual != null && compare(actual, expected) >= 0;
            case CONTAINS -> actual != null && lower(actual).contains(lower(expected));
            case STARTS_WITH -> actual != null && lower(actual).startsWith(lower(expected));
            case IN -> actual != null && ((List<?>) expected).stream().anyMatch(v -> compare(actual, v) == 0);
            case BETWEEN -> actual != null && compare(actual, ((List<?>) expected).get(0)) >= 0
                    && compare(actual, ((List<?>) expected).get(1)) <= 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        }
        if (actual instanceof Comparable a && actual.getClass().isInstance(expected)) {
            return a.compareTo(expected);
        }
        return String.valueOf(actual).compareTo(String.valueOf(expected));
    }

    private static String lower(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    /** The plan's order, then the primary key, as a database orders a read. */
    private static Comparator<Map<String, Object>> order(Entity entity, List<Sort> orderBy) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        List<Sort> sorts = new ArrayList<>(orderBy);
        entity.primaryKey().forEach(key -> sorts.add(Sort.ascending(key)));
        for (Sort sort : sorts) {
            Comparator<Map<String, Object>> byField = (a, b) -> compareNullsFirst(a.get(sort.field()), b.get(sort.field()));
            order = order.thenComparing(sort.descending() ? byField.reversed() : byField);
        }
        return order;
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b);
    }

    /** A column's default when it is a constant ({@code 'text'} or an integer), as the database would store it. */
    private static Optional<Object> constantDefault(Column column) {
        String expression = column.defaultExpression().orElse("").replaceAll("::[\\w ]+$", "").trim();
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return Optional.of(expression.substring(1, expression.length() - 1).replace("''", "'"));
        }
        if (expression.matches("-?\\d{1,18}")) {
            return Optional.of(Long.valueOf(expression));
        }
        return Optional.empty();
    }

    /** The caller's tenant as the tenant column stores it (a number in an integer column). */
    private Object tenantValue(Entity entity, UserContext user) {
        String tenant = tenant(user);
        boolean integer = entity.column(limits.tenantColumn()).map(c -> c.type() == ValueType.INTEGER).orElse(false);
        if (integer && tenant.matches("-?\\d{1,18}")) {
            return Long.valueOf(tenant);
        }
        return tenant;
    }

    private String tenant(UserContext user) {
        return user.tenantId().orElseThrow(() -> new IllegalStateException("a tenant is required"));
    }

    private static String hash(List<Map<String, Object>> rows) {
        return Integer.toHexString(rows.stream().map(InMemoryExecutor::withoutNulls).toList().hashCode());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k, v == null ? "<null>" : v));
        return copy;
    }

    private void checkUp() {
        if (down) {
            throw DependencyUnavailableException.targetDatabase("the in-memory database is switched off", null);
        }
    }
}
