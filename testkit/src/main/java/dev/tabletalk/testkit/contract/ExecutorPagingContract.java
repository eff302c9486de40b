package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do to page (#13): a read returns each row's keyset position (its sort columns,
 * then its primary key), and a read {@code after} a position continues exactly after that row, in the same order,
 * so that paging "show more" to the end sees every row once, in order, whatever the direction, with duplicate sort
 * values and NULLs (in the backend's own NULL order: {@link #sortsNullsHigh()}). Offsets page the same order. The
 * tenant and soft-delete scopes hold on every page.
 *
 * <p>The 250 customers of the caller's tenant get notes that repeat ("group 0" to "group 4" on odd ids) and are
 * empty on even ids.
 */
public abstract class ExecutorPagingContract extends ExecutorContractSupport {

    private static final int PAGE = 40;

    /**
     * Whether the backend orders NULL above every value (PostgreSQL: ascending NULLs last); the others (MariaDB,
     * SQLite, H2, the in-memory executor) order it below. Paging must follow the backend's own order.
     */
    protected boolean sortsNullsHigh() {
        return false;
    }

    private void repeatingNotesWithNulls() {
        for (int id = 1; id <= ShopFixture.CUSTOMERS; id += 2) {
            shop().change("customers", id, "notes", "group " + (id % 5));
        }
    }

    private static ReadPlan byNotes(boolean descending) {
        return new ReadPlan(
                "customers",
                List.of("id", "notes"),
                List.of(),
                List.of(new Sort("notes", descending)),
                OptionalInt.of(PAGE));
    }

    /** Reads page after page, each after the last row of the one before, until no more; the ids in reading order. */
    private List<Long> pageThrough(GuardedExecutor target, ReadPlan first, UserContext user) {
        List<Long> seen = new ArrayList<>();
        ReadPlan plan = first;
        for (int page = 1; page <= 20; page++) {
            ReadOutcome.Rows rows = rowsWithPositions(target.read(plan, user));
            rows.rows().rows().forEach(row -> seen.add(id(row)));
            if (!rows.rows().hasMore()) {
                return seen;
            }
            assertThat(rows.positions())
                    .as("one position per row")
                    .hasSize(rows.rows().size());
            Keyset last = rows.positions().get(rows.positions().size() - 1);
            assertThat(last.value("id"))
                    .isEqualTo(rows.rows().rows().get(rows.rows().size() - 1).get("id"));
            plan = first.withAfter(Optional.of(last));
        }
        throw new AssertionError("paging did not end after 20 pages: " + seen.size() + " rows seen");
    }

    private static ReadOutcome.Rows rowsWithPositions(ReadOutcome outcome) {
        rows(outcome); // fails with the refusal, if any
        return (ReadOutcome.Rows) outcome;
    }

    /** The stored customers that {@code keep} lets through, by notes (NULL as the backend orders it), then id. */
    private List<Long> expected(boolean descending, Predicate<Map<String, Object>> keep) {
        Comparator<String> notes = sortsNullsHigh()
                ? Comparator.nullsLast(Comparator.<String>naturalOrder())
                : Comparator.nullsFirst(Comparator.<String>naturalOrder());
        Comparator<Map<String, Object>> order =
                Comparator.comparing(row -> (String) row.get("notes"), descending ? notes.reversed() : notes);
        return shop().rows("customers").stream()
                .filter(keep)
                .sorted(order.thenComparingLong(ExecutorContractSupport::id))
                .map(ExecutorContractSupport::id)
                .toList();
    }

    private static boolean mine(Map<String, Object> row) {
        return Objects.equals(((Number) row.get("company_id")).longValue(), ShopFixture.TENANT);
    }

    @Test
    void showMoreAscendingSeesEveryRowOnceInTheBackendsOrderNullsIncluded() {
        repeatingNotesWithNulls();

        List<Long> seen = pageThrough(executor, byNotes(false), Users.editor());

        assertThat(seen).hasSize(ShopFixture.CUSTOMERS).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyElementsOf(expected(false, ExecutorPagingContract::mine));
        assertThat(sortsNullsHigh() ? seen.get(seen.size() - 1) : seen.get(0))
                .as("NULLs at the end the backend puts them")
                .isEqualTo(sortsNullsHigh() ? 250L : 2L);
    }

    @Test
    void showMoreDescendingSeesEveryRowOnceInTheBackendsOrderNullsIncluded() {
        repeatingNotesWithNulls();

        List<Long> seen = pageThrough(executor, byNotes(true), Users.editor());

        assertThat(seen).hasSize(ShopFixture.CUSTOMERS).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyElementsOf(expected(true, ExecutorPagingContract::mine));
        assertThat(sortsNullsHigh() ? seen.get(0) : seen.get(seen.size() - 1))
                .as("NULLs at the end the backend puts them")
                .isEqualTo(sortsNullsHigh() ? 2L : 250L);
    }

    @Test
    void aPositionWithANullSortValueContinuesAmongTheNullsThenTheValues() {
        repeatingNotesWithNulls();
        ReadPlan plan = byNotes(false);
        Keyset amongNulls = new Keyset(List.of("notes", "id"), Arrays.asList(null, 100L));

        List<Long> after = ids(rows(executor.read(plan.withAfter(Optional.of(amongNulls)), Users.editor()))).stream()
                .map(id -> ((Number) id).longValue())
                .toList();

        List<Long> all = expected(false, ExecutorPagingContract::mine);
        int from = all.indexOf(100L) + 1;
        assertThat(after).containsExactlyElementsOf(all.subList(from, from + PAGE));
    }

    @Test
    void anOffsetPagesTheSameOrderAsTheKeyset() {
        repeatingNotesWithNulls();
        List<Long> all = expected(true, ExecutorPagingContract::mine);

        List<Object> third = ids(rows(executor.read(byNotes(true).withOffset(2 * PAGE), Users.editor())));

        assertThat(third.stream().map(id -> ((Number) id).longValue()).toList())
                .containsExactlyElementsOf(all.subList(2 * PAGE, 3 * PAGE));
    }

    @Test
    void anOffsetBeyondFiftyPagesOfTheRowCapIsRefused() {
        int cap = Limits.defaults().maxRows();

        ReadOutcome tooFar = executor.read(byNotes(false).withOffset(50 * cap), Users.editor());
        ReadOutcome lastAllowed = executor.read(byNotes(false).withOffset(50 * cap - 1), Users.editor());

        assertThat(refused(tooFar).code()).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertNoLeak(refused(tooFar));
        assertThat(rows(lastAllowed).isEmpty()).isTrue();
    }

    @Test
    @Tag("invariant-7")
    void everyPageKeepsTheCallersTenantScope() {
        repeatingNotesWithNulls();

        List<Long> mine = pageThrough(executor, byNotes(true), Users.editor());
        List<Long> theirs = pageThrough(executor, byNotes(true), Users.otherTenantEditor());

        assertThat(mine).doesNotContain(ShopFixture.OTHER_TENANT_CUSTOMER);
        assertThat(theirs).containsExactly(ShopFixture.OTHER_TENANT_CUSTOMER);
    }

    @Test
    @Tag("invariant-7")
    void aPositionFromAnotherTenantsRowStillReadsOnlyTheCallersRows() {
        Keyset theirs = new Keyset(List.of("id"), List.of(ShopFixture.OTHER_TENANT_CUSTOMER - 1));

        ReadPlan plan = new ReadPlan("customers", List.of("id"), List.of(), List.of(), OptionalInt.of(PAGE))
                .withAfter(Optional.of(theirs));

        assertThat(rows(executor.read(plan, Users.editor())).isEmpty()).isTrue();
        assertThat(ids(rows(executor.read(plan, Users.otherTenantEditor()))))
                .containsExactly(ShopFixture.OTHER_TENANT_CUSTOMER);
    }

    @Test
    void softDeletedRowsStayOutOfEveryPage() {
        // notes as a soft-delete marker, as the soft-delete contract borrows it: odd customers are deleted
        EntityCatalog marked = EntityCatalog.of(catalog().entities().stream()
                .map(e -> e.name().equals("customers")
                        ? e.withSoftDelete(Optional.of(
                                new SoftDelete("notes", SoftDelete.Kind.TIMESTAMP, "borrowed by the contract")))
                        : e)
                .toList());
        GuardedExecutor soft = executor(marked, Limits.defaults());
        ReadPlan byCredit = new ReadPlan(
                "customers", List.of("id"), List.of(), List.of(Sort.descending("credit_limit")), OptionalInt.of(30));

        List<Long> seen = pageThrough(soft, byCredit, Users.editor());

        Set<Long> live = new HashSet<>();
        for (long id = 2; id <= ShopFixture.CUSTOMERS; id += 2) {
            live.add(id);
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(live);
        assertThat(seen.get(0)).isEqualTo(250L);
    }

    @Test
    void aPositionThatDoesNotMatchTheOrderIsRefused() {
        Keyset idOnly = new Keyset(List.of("id"), List.of(10L));

        ReadOutcome outcome = executor.read(byNotes(false).withAfter(Optional.of(idOnly)), Users.editor());

        assertThat(refused(outcome).code()).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertNoLeak(refused(outcome));
    }

    @Test
    void anAggregateHasNoPositionsAndPagesByOffset() {
        ReadPlan groups = new ReadPlan(
                        "customers", List.of(), List.of(), List.of(Sort.ascending("status")), OptionalInt.of(1))
                .withAggregate(new Aggregate(Aggregate.Fn.COUNT, Optional.empty(), List.of("status")));

        ReadOutcome.Rows first = rowsWithPositions(executor.read(groups, Users.editor()));
        ReadOutcome.Rows second = rowsWithPositions(executor.read(groups.withOffset(1), Users.editor()));

        assertThat(first.positions()).isEmpty();
        assertThat(first.rows().rows().get(0).get("status")).isEqualTo("active");
        assertThat(second.rows().rows().get(0).get("status")).isEqualTo("blocked");
        assertThat(first.rows().hasMore()).isTrue();
    }
}
