package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The port-level contract's fixture and helpers: what every {@link GuardedExecutor} is tested
 * against, behind a small fixture ({@link ShopRows}: seed the reference shop's rows, read them
 * back, change them behind the executor's back) and a factory for the executor under test. The
 * port-level contract is the chain {@link ExecutorPagingContract}, {@link ExecutorSoftDeleteContract}, {@link ExecutorAggregateContract}, {@link ExecutorConditionContract},
 * {@link ExecutorReadContract}, {@link ExecutorTenancyContract},
 * {@link ExecutorWriteContract} and {@link ExecutorConfirmContract}, none of which knows SQL;
 * {@link GuardedExecutorContract} adds what needs a real database. Extend the last link that fits.
 *
 * <p>The plans in the contract are built directly (no planner), many of them malicious on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExecutorContractSupport {

    private static final List<String> LEAK_MARKERS = List.of(
            "select ",
            "update ",
            "insert ",
            "sql",
            "exception",
            "constraint",
            "_uq",
            "_fk",
            "sqlstate",
            "jdbc",
            "org.",
            "java.",
            "error:",
            "duplicate key",
            ShopFixture.HIDDEN_MARKER.toLowerCase(Locale.ROOT),
            "password_hash",
            "users_auth",
            "api_tokens");

    /** The shop's rows behind the executor, reached around it. */
    protected abstract ShopRows shop();

    /** The shop's catalog as this implementation sees it. */
    protected abstract EntityCatalog catalog();

    /** The executor under test, over the shop's rows. */
    protected abstract GuardedExecutor executorUnderTest(
            SchemaCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            OptionalDouble maxQueryCost);

    /** Whether plans over the query cost limit are refused before they run (PostgreSQL and MariaDB). */
    protected boolean hasCostGate() {
        return false;
    }

    /** What this executor does of what the contract checks; the real executor does everything. */
    protected Set<ExecutorCapability> capabilities() {
        return EnumSet.allOf(ExecutorCapability.class);
    }

    /** Skips the running test, and only it, when the executor under test lacks {@code capability}. */
    protected final void requires(ExecutorCapability capability) {
        Assumptions.assumeTrue(
                capabilities().contains(capability),
                () -> "the executor under test leaves " + capability + " to others");
    }

    protected ReadOnlyMode readOnlyMode;
    protected GuardedExecutor executor;

    @BeforeEach
    final void resetFixture() {
        shop().seed();
        readOnlyMode = ReadOnlyMode.off();
        executor = executor(catalog(), Limits.defaults());
    }

    // ============================================================== helpers

    protected GuardedExecutor executor(EntityCatalog catalog, Limits limits) {
        return executorUnderTest(
                new StaticSchemaCatalog(catalog), limits, RolePolicy.defaults(), readOnlyMode, OptionalDouble.empty());
    }

    protected Refusal confirmUpdate(GuardedExecutor target, String entity, String field, Object value, long id) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(field, value);
        PreviewOutcome.Ready ready = ready(
                target.previewUpdate(new UpdatePlan(entity, changes, List.of(Filter.eq("id", id))), Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    protected Refusal confirmCreate(GuardedExecutor target, CreatePlan plan) {
        PreviewOutcome.Ready ready = ready(target.previewCreate(plan, Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    protected static CommitGate failingGate() {
        return committed -> fail("the commit gate must not be reached");
    }

    protected static void assertNoLeak(Refusal refusal) {
        String message = refusal.message().toLowerCase(Locale.ROOT);
        for (String marker : LEAK_MARKERS) {
            assertThat(message).as("refusal message %s", refusal.message()).doesNotContain(marker);
        }
    }

    protected RowSet read(Filter... filters) {
        return rows(executor.read(ReadPlan.of("customers", List.of(filters)), Users.editor()));
    }

    protected static RowSet rows(ReadOutcome outcome) {
        return expect(outcome, ReadOutcome.Rows.class, "rows").rows();
    }

    protected static Refusal refused(ReadOutcome outcome) {
        return expect(outcome, ReadOutcome.Refused.class, "a refusal").refusal();
    }

    protected static PreviewOutcome.Ready ready(PreviewOutcome outcome) {
        return expect(outcome, PreviewOutcome.Ready.class, "a preview");
    }

    protected static Refusal refusedPreview(PreviewOutcome outcome) {
        return expect(outcome, PreviewOutcome.Refused.class, "a refusal").refusal();
    }

    protected static CommitOutcome.Committed committed(CommitOutcome outcome) {
        return expect(outcome, CommitOutcome.Committed.class, "a commit");
    }

    protected static Refusal refusedCommit(CommitOutcome outcome) {
        return expect(outcome, CommitOutcome.Refused.class, "a refusal").refusal();
    }

    private static <T> T expect(Object outcome, Class<T> type, String expected) {
        if (type.isInstance(outcome)) {
            return type.cast(outcome);
        }
        throw new AssertionError("expected " + expected + ", got " + outcome);
    }

    protected static List<Object> ids(RowSet rows) {
        return rows.rows().stream().map(row -> row.get("id")).toList();
    }

    /** Stored rows of {@code table}. */
    protected long count(String table) {
        return shop().rows(table).size();
    }

    /** Stored rows of {@code table} that satisfy {@code where}. */
    protected long count(String table, Predicate<Map<String, Object>> where) {
        return shop().rows(table).stream().filter(where).count();
    }

    /** The stored value of {@code column} in the row of {@code table} with this {@code id}. */
    protected Object stored(String table, long id, String column) {
        return stored(table, id, new String[] {column}).get(0);
    }

    /** The stored values of {@code columns} in the row of {@code table} with this {@code id}. */
    protected List<Object> stored(String table, long id, String... columns) {
        Map<String, Object> row = shop().rows(table).stream()
                .filter(r -> id(r) == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " row " + id));
        return Arrays.stream(columns).map(row::get).toList();
    }

    /** {@code columns} of every stored row of {@code table}, in key order. */
    protected List<List<Object>> storedColumns(String table, String... columns) {
        return shop().rows(table).stream()
                .map(row -> Arrays.stream(columns).map(row::get).toList())
                .toList();
    }

    /** The row's {@code id}. */
    protected static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }
}
