package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do with conditions as a tree ({@code anyOf}, {@code not}), the
 * operators {@code ends_with} and {@code not_in}, and paging by offset: the same rows on every database,
 * never a row past the tenant scope, never more changed rows than the cap.
 */
public abstract class ExecutorConditionContract extends ExecutorAggregateContract {

    private RowSet customers(Condition... conditions) {
        return rows(executor.read(ReadPlan.of("customers", List.of(conditions)), Users.editor()));
    }

    @Test
    void anyOfMatchesRowsThatMeetOneOfItsItems() {
        RowSet rows = customers(
                AnyOf.of(Filter.eq("id", 3L), Filter.eq("id", 7L), Filter.of("name", Op.STARTS_WITH, "acme")));

        assertThat(ids(rows)).containsExactly(3L, 7L, 44L);
    }

    @Test
    void anyOfIsAndedWithTheOtherConditions() {
        RowSet rows = customers(
                Filter.of("id", Op.LE, 12L),
                AnyOf.of(Filter.eq("status", "inactive"), Filter.of("credit_limit", Op.GE, new BigDecimal("110"))));

        assertThat(ids(rows)).containsExactly(3L, 6L, 9L, 11L, 12L);
    }

    @Test
    void notMatchesExactlyTheRowsItsItemDoesNotEmptyFieldsIncluded() {
        RowSet negated = customers(Filter.of("id", Op.LE, 10L), Not.of(Filter.of("notes", Op.CONTAINS, "note 1")));
        RowSet different = customers(Filter.of("id", Op.LE, 10L), Filter.of("notes", Op.NE, "note 1"));

        // notes are on odd ids only: a negation keeps the rows without notes, '!=' (like SQL) does not
        assertThat(ids(negated)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(ids(different)).containsExactly(3L, 5L, 7L, 9L);
    }

    @Test
    void notOfAnyOfLeavesOutEveryAlternative() {
        RowSet rows = customers(
                Filter.of("id", Op.LE, 12L),
                Not.of(AnyOf.of(Filter.eq("status", "inactive"), Filter.of("notes", Op.IS_NULL, null))));
        RowSet doubleNegation = customers(Filter.of("id", Op.LE, 6L), Not.of(Not.of(Filter.eq("notes", "note 5"))));

        assertThat(ids(rows)).containsExactly(1L, 5L, 7L, 11L);
        assertThat(ids(doubleNegation)).containsExactly(5L);
    }

    @Test
    void endsWithIsCaseInsensitiveAndTakesWildcardsLiterally() {
        assertThat(ids(customers(Filter.of("name", Op.ENDS_WITH, "organic foods"))))
                .containsExactly(43L);
        assertThat(ids(customers(Filter.of("name", Op.ENDS_WITH, "FOODS")))).containsExactly(42L, 43L);
        assertThat(ids(customers(Filter.of("name", Op.ENDS_WITH, "_Foods")))).containsExactly(42L);
        assertThat(ids(customers(Filter.of("name", Op.ENDS_WITH, "%")))).isEmpty();
    }

    @Test
    void notInLeavesOutTheListedValues() {
        assertThat(ids(customers(Filter.of("id", Op.LE, 6L), Filter.of("status", Op.NOT_IN, List.of("inactive")))))
                .containsExactly(1L, 2L, 4L, 5L);
        assertThat(ids(customers(Filter.of("id", Op.LE, 5L), Filter.of("id", Op.NOT_IN, List.of(1L, 2L, 3L)))))
                .containsExactly(4L, 5L);
    }

    @Test
    void offsetSkipsRowsInTheStableOrder() {
        ReadPlan twenty = ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 20L)));

        RowSet second = rows(executor.read(twenty.withLimit(5).withOffset(5), Users.editor()));
        RowSet last = rows(executor.read(twenty.withLimit(5).withOffset(18), Users.editor()));
        RowSet past = rows(executor.read(twenty.withOffset(40), Users.editor()));
        ReadPlan byCredit = new ReadPlan(
                "customers",
                List.of("id", "credit_limit"),
                List.of(Filter.of("id", Op.LE, 20L)),
                List.of(Sort.descending("credit_limit")),
                OptionalInt.of(3),
                3);
        RowSet sorted = rows(executor.read(byCredit, Users.editor()));

        assertThat(ids(second)).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(second.hasMore()).isTrue();
        assertThat(ids(last)).containsExactly(19L, 20L);
        assertThat(last.hasMore()).isFalse();
        assertThat(past.isEmpty()).isTrue();
        assertThat(ids(sorted)).containsExactly(17L, 16L, 15L);
    }

    @Test
    @Tag("invariant-7")
    void noConditionReadsPastTheTenant() {
        long theirs = ShopFixture.OTHER_TENANT_CUSTOMER;

        // customer 9001 of the other tenant has a credit limit of 50: every form below would match it
        RowSet anyOf = customers(AnyOf.of(Filter.eq("id", 1L), Filter.eq("id", theirs)));
        RowSet not = customers(Not.of(Filter.eq("id", 1L)), Filter.of("credit_limit", Op.LE, new BigDecimal("50")));
        RowSet notIn = customers(
                Filter.of("id", Op.NOT_IN, List.of(1L)), Filter.of("credit_limit", Op.LE, new BigDecimal("50")));

        assertThat(ids(anyOf)).containsExactly(1L);
        assertThat(ids(not)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(ids(notIn)).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    @Tag("invariant-7")
    @Tag("invariant-5")
    void anAnyOfInAnUpdateCannotEscapeTheTenantNorTheCap() {
        long theirs = ShopFixture.OTHER_TENANT_CUSTOMER;
        UpdatePlan one = new UpdatePlan(
                "customers", Map.of("notes", "tree"), List.of(AnyOf.of(Filter.eq("id", 2L), Filter.eq("id", theirs))));
        UpdatePlan everything = new UpdatePlan(
                "customers",
                Map.of("notes", "tree"),
                List.of(AnyOf.of(Filter.eq("id", 2L), Not.of(Filter.eq("id", 2L)))));

        PreviewOutcome.Ready ready = ready(executor.previewUpdate(one, Users.editor()));
        Refusal capped = refusedPreview(executor.previewUpdate(everything, Users.editor()));
        Refusal otherSide = refusedPreview(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("notes", "tree"),
                        List.of(AnyOf.of(Filter.eq("id", theirs), Filter.eq("id", 99_999L)))),
                Users.editor()));
        CommitOutcome.Committed committed =
                committed(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(ready.preview().changes())
                .extracting(RowChange::key)
                .extracting(key -> key.orElseThrow().values().get("id"))
                .containsExactly(2L);
        assertThat(capped.code()).isEqualTo(RefusalCode.CAP_EXCEEDED);
        assertThat(otherSide.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(committed.rowCount()).isEqualTo(1);
        assertThat(stored("customers", 2L, "notes")).isEqualTo("tree");
        assertThat(stored("customers", theirs, "notes")).isEqualTo("other tenant");
        assertThat(count("customers", row -> "tree".equals(row.get("notes")))).isEqualTo(1);
    }
}
