package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do with aggregates: count, sum, avg, min and max, grouped by up to two
 * columns, ordered by the aggregate, the row cap counting groups, and the tenant scope inside the query.
 */
public abstract class ExecutorAggregateContract extends ExecutorDayContract {

    private RowSet aggregate(UserContext user, Aggregate aggregate, List<Sort> orderBy, int limit, Filter... filters) {
        ReadPlan plan = new ReadPlan(
                "customers",
                List.of(),
                List.of(filters),
                orderBy,
                limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty(),
                0,
                Optional.of(aggregate));
        return rows(executor.read(plan, user));
    }

    private static Object number(RowSet rows, int row, String key) {
        Object value = rows.rows().get(row).get(key);
        return value == null ? null : new BigDecimal(value.toString());
    }

    @Test
    @Tag("invariant-7")
    void countPerGroupCountsOnlyTheCallersRowsOrderedByTheCount() {
        RowSet rows = aggregate(Users.editor(), Aggregate.count("status"), List.of(Sort.descending("count")), 0);
        RowSet theirs = aggregate(Users.otherTenantEditor(), Aggregate.count(), List.of(), 0);

        // customer 9001 of the other tenant is active too: 164 would mean the tenant scope leaked
        assertThat(rows.columns()).containsExactly("status", "count");
        assertThat(rows.rows())
                .containsExactly(
                        Map.of("status", "active", "count", 163L),
                        Map.of("status", "inactive", "count", 82L),
                        Map.of("status", "blocked", "count", 5L));
        assertThat(rows.hasMore()).isFalse();
        assertThat(theirs.rows()).containsExactly(Map.of("count", 1L));
    }

    @Test
    void sumAverageLowestAndHighestAreTakenOverTheMatchingRows() {
        Filter firstTen = Filter.of("id", Op.LE, 10L);

        RowSet sum = aggregate(Users.editor(), Aggregate.of(Aggregate.Fn.SUM, "credit_limit"), List.of(), 0, firstTen);
        RowSet avg = aggregate(Users.editor(), Aggregate.of(Aggregate.Fn.AVG, "credit_limit"), List.of(), 0, firstTen);
        RowSet min = aggregate(Users.editor(), Aggregate.of(Aggregate.Fn.MIN, "credit_limit"), List.of(), 0, firstTen);
        RowSet max = aggregate(Users.editor(), Aggregate.of(Aggregate.Fn.MAX, "credit_limit"), List.of(), 0, firstTen);
        RowSet notes = aggregate(Users.editor(), Aggregate.of(Aggregate.Fn.COUNT, "notes"), List.of(), 0, firstTen);
        RowSet none = aggregate(Users.editor(), Aggregate.count(), List.of(), 0, Filter.of("id", Op.GT, 100_000L));

        assertThat(sum.columns()).containsExactly("sum_credit_limit");
        assertThat((BigDecimal) number(sum, 0, "sum_credit_limit")).isEqualByComparingTo("550");
        assertThat((BigDecimal) number(avg, 0, "avg_credit_limit")).isEqualByComparingTo("55");
        assertThat((BigDecimal) number(min, 0, "min_credit_limit")).isEqualByComparingTo("10");
        assertThat((BigDecimal) number(max, 0, "max_credit_limit")).isEqualByComparingTo("100");
        // notes are on odd ids only: a count of a field counts the rows where it is not empty
        assertThat(notes.rows()).containsExactly(Map.of("count", 5L));
        assertThat(none.rows()).containsExactly(Map.of("count", 0L));
    }

    @Test
    @Tag("invariant-3")
    void theRowCapAndTheOffsetCountGroups() {
        RowSet smallest = aggregate(Users.editor(), Aggregate.count("status"), List.of(Sort.ascending("count")), 2);
        ReadPlan second = new ReadPlan(
                "customers",
                List.of(),
                List.of(),
                List.of(Sort.descending("count")),
                OptionalInt.of(1),
                1,
                Optional.of(Aggregate.count("status")));
        RowSet secondLargest = rows(executor.read(second, Users.editor()));

        assertThat(smallest.rows())
                .containsExactly(Map.of("status", "blocked", "count", 5L), Map.of("status", "inactive", "count", 82L));
        assertThat(smallest.hasMore()).isTrue();
        assertThat(secondLargest.rows()).containsExactly(Map.of("status", "inactive", "count", 82L));
        assertThat(secondLargest.hasMore()).isTrue();
    }

    @Test
    void twoGroupColumnsGroupByBothInTheirOrder() {
        RowSet rows = aggregate(
                Users.editor(), Aggregate.count("status", "version"), List.of(), 0, Filter.of("id", Op.LE, 6L));

        assertThat(rows.columns()).containsExactly("status", "version", "count");
        assertThat(rows.rows())
                .containsExactly(
                        Map.of("status", "active", "version", 1L, "count", 4L),
                        Map.of("status", "inactive", "version", 1L, "count", 2L));
    }
}
