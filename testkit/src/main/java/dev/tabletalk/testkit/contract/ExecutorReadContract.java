package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What every guarded executor must do when it reads: caps, ordering, masking, hidden names, filters. */
public abstract class ExecutorReadContract extends ExecutorRelatedContract {

    // ============================================================== reads

    @Test
    @Tag("invariant-7")
    @Tag("invariant-3")
    void readReturnsOnlyTheCallersTenantAndAtMostTheRowCap() {
        RowSet rows = rows(executor.read(ReadPlan.of("customers", List.of()), Users.editor()));

        assertThat(rows.size()).isEqualTo(Limits.HARD_MAX_ROWS);
        assertThat(rows.hasMore()).isTrue();
        assertThat(rows.rows())
                .allSatisfy(row -> assertThat(row.get("company_id")).isEqualTo(ShopFixture.TENANT));
    }

    @Test
    @Tag("invariant-3")
    void aLargerLimitInThePlanIsCutToTheCap() {
        ReadPlan plan = ReadPlan.of("customers", List.of()).withLimit(5000);

        RowSet rows = rows(executor.read(plan, Users.editor()));
        RowSet lowered =
                rows(executor(catalog(), Limits.defaults().withMaxRows(10)).read(plan, Users.editor()));

        assertThat(rows.size()).isEqualTo(100);
        assertThat(rows.hasMore()).isTrue();
        assertThat(lowered.size()).isEqualTo(10);
        assertThat(lowered.hasMore()).isTrue();
    }

    @Test
    void hasMoreIsSetOnlyWhenMoreRowsMatch() {
        ReadPlan five = ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 5L)));

        RowSet all = rows(executor.read(five.withLimit(5), Users.editor()));
        RowSet fewer = rows(executor.read(five.withLimit(4), Users.editor()));

        assertThat(all.size()).isEqualTo(5);
        assertThat(all.hasMore()).isFalse();
        assertThat(fewer.size()).isEqualTo(4);
        assertThat(fewer.hasMore()).isTrue();
    }

    @Test
    void readsAreOrderedByPrimaryKeyUnlessAskedOtherwise() {
        RowSet byKey =
                rows(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 20L))), Users.editor()));
        ReadPlan byCredit = new ReadPlan(
                "customers",
                List.of("id", "credit_limit"),
                List.of(Filter.of("id", Op.LE, 20L)),
                List.of(Sort.descending("credit_limit")),
                OptionalInt.empty());
        RowSet descending = rows(executor.read(byCredit, Users.editor()));

        assertThat(ids(byKey))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
        assertThat(ids(descending).get(0)).isEqualTo(20L);
        assertThat(descending.columns()).containsExactly("id", "credit_limit");
    }

    @Test
    void maskedColumnsComeBackMasked() {
        requires(ExecutorCapability.PARTIAL_MASKS);
        RowSet rows =
                rows(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 5L))), Users.viewer()));

        assertThat(rows.rows().get(0).get("email")).isEqualTo("c***@example.com");
        assertThat(rows.rows()).allSatisfy(row -> {
            assertThat(String.valueOf(row.get("email")))
                    .doesNotContain("customer")
                    .contains("***");
            assertThat(String.valueOf(row.get("phone"))).contains("***").doesNotContain("555");
        });
    }

    @Test
    @Tag("invariant-6")
    void hiddenColumnsCannotBeReadFilteredOrSortedAndAnswerLikeUnknownOnes() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Refusal hiddenField = refused(executor.read(
                new ReadPlan("customers", List.of("password_hash"), List.of(), List.of(), OptionalInt.empty()),
                Users.editor()));
        Refusal unknownField = refused(executor.read(
                new ReadPlan("customers", List.of("no_such_field"), List.of(), List.of(), OptionalInt.empty()),
                Users.editor()));
        Refusal hiddenFilter = refused(
                executor.read(ReadPlan.of("customers", List.of(Filter.eq("password_hash", "x"))), Users.editor()));
        Refusal hiddenSort = refused(executor.read(
                new ReadPlan(
                        "customers",
                        List.of(),
                        List.of(),
                        List.of(Sort.ascending("password_hash")),
                        OptionalInt.empty()),
                Users.editor()));
        RowSet everything = rows(executor.read(ReadPlan.of("customers", List.of()), Users.admin()));

        assertThat(hiddenField.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hiddenField.message().replace("password_hash", "X"))
                .isEqualTo(unknownField.message().replace("no_such_field", "X"));
        assertThat(hiddenFilter.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hiddenSort.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(everything.columns()).doesNotContain("password_hash");
        assertThat(everything.rows().toString()).doesNotContain(ShopFixture.HIDDEN_MARKER);
    }

    @Test
    @Tag("invariant-6")
    void hiddenEntitiesAnswerExactlyLikeMissingOnes() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Refusal hidden = refused(executor.read(ReadPlan.of("users_auth", List.of()), Users.admin()));
        Refusal tokens = refused(executor.read(ReadPlan.of("api_tokens", List.of()), Users.admin()));
        Refusal missing = refused(executor.read(ReadPlan.of("no_such_table_xyz", List.of()), Users.admin()));
        Refusal homoglyph = refused(executor.read(ReadPlan.of("cust\u043emers", List.of()), Users.admin()));
        Refusal zeroWidth = refused(executor.read(ReadPlan.of("customers\u200b", List.of()), Users.admin()));
        Refusal hiddenWrite = refusedPreview(executor.previewUpdate(
                new UpdatePlan("users_auth", Map.of("password_hash", "x"), List.of(Filter.eq("user_id", "u-1001"))),
                Users.admin()));

        for (Refusal refusal : List.of(hidden, tokens, missing, homoglyph, zeroWidth, hiddenWrite)) {
            assertThat(refusal.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        }
        assertThat(hidden.message().replace("users_auth", "X"))
                .isEqualTo(missing.message().replace("no_such_table_xyz", "X"));
        assertThat(hiddenWrite.message()).doesNotContain("password_hash");
    }

    @Test
    @Tag("invariant-2")
    void containsAndStartsWithAreCaseInsensitiveAndTreatWildcardsLiterally() {
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "acme")))).containsExactly(44L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "acme c")))).containsExactly(44L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "Ümlaut ag")))).containsExactly(47L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "%")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "_")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "100%")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "0% o")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "c_stomer")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "!")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "%")))).isEmpty();
    }

    @Test
    void textEqualityIsCaseInsensitiveButAccentSensitive() {
        assertThat(ids(read(Filter.eq("name", "luís")))).containsExactly(48L);
        assertThat(ids(read(Filter.eq("name", "LUÍS")))).containsExactly(48L);
        assertThat(ids(read(Filter.eq("name", "luis")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", "ÉMILE")))).containsExactly(49L);
        assertThat(ids(read(Filter.eq("name", "émile")))).containsExactly(49L);
        assertThat(ids(read(Filter.eq("name", "emile")))).containsExactly(51L);
        assertThat(ids(read(Filter.eq("name", "EMILE")))).containsExactly(51L);
        assertThat(ids(read(Filter.eq("name", "ADA")))).containsExactly(52L);
        assertThat(ids(read(Filter.eq("name", "zürich ümlaut ag")))).containsExactly(47L);
        assertThat(ids(read(Filter.eq("name", "zurich umlaut ag")))).isEmpty();
        assertThat(ids(read(Filter.of("id", Op.BETWEEN, List.of(47L, 52L)), Filter.of("name", Op.NE, "ÉMILE"))))
                .containsExactly(47L, 48L, 50L, 51L, 52L);
        assertThat(ids(read(Filter.of("id", Op.BETWEEN, List.of(47L, 52L)), Filter.of("name", Op.NE, "emile"))))
                .containsExactly(47L, 48L, 49L, 50L, 52L);
    }

    @Test
    void textInListsContainsAndStartsWithFoldCaseButKeepAccents() {
        assertThat(ids(read(Filter.of("name", Op.IN, List.of("LUÍS", "émile", "ada")))))
                .containsExactly(48L, 49L, 52L);
        assertThat(ids(read(Filter.of("name", Op.IN, List.of("luis", "EMILE")))))
                .containsExactly(51L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "ÉMI")))).containsExactly(49L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "mile")))).containsExactly(49L, 51L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "EMI")))).containsExactly(51L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "UÍ")))).containsExactly(48L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "lUÍ")))).containsExactly(48L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "lui")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "é")))).containsExactly(49L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "ZÜ")))).containsExactly(47L);
    }

    @Test
    @Tag("invariant-2")
    void wildcardsAreLiteralInTextEqualityAndInLists() {
        assertThat(ids(read(Filter.eq("name", "100% ORGANIC_FOODS")))).containsExactly(42L);
        assertThat(ids(read(Filter.eq("name", "100% Organic%")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", "100_ Organic_Foods")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", "_da")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.IN, List.of("%", "a_a", "100% organic_foods")))))
                .containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.NE, "%"), Filter.of("id", Op.LE, 3L))))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void inBetweenAndNullChecksWork() {
        assertThat(ids(read(Filter.of("id", Op.IN, List.of(3L, 1L, 2L, 9001L)))))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(read(
                        Filter.of("credit_limit", Op.BETWEEN, List.of(new BigDecimal("10"), new BigDecimal("30"))))))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(read(Filter.of("id", Op.LE, 6L), Filter.of("notes", Op.IS_NULL, null))))
                .containsExactly(2L, 4L, 6L);
        assertThat(ids(read(Filter.of("id", Op.LE, 6L), Filter.of("notes", Op.IS_NOT_NULL, null))))
                .containsExactly(1L, 3L, 5L);
        assertThat(ids(read(Filter.of("status", Op.EQ, "blocked")))).containsExactly(50L, 100L, 150L, 200L, 250L);
        assertThat(ids(read(Filter.of("id", Op.LE, 4L), Filter.of("status", Op.NE, "active"))))
                .containsExactly(3L);
    }

    @Test
    void inListsAreCappedAndMustHoldScalars() {
        requires(ExecutorCapability.PLAN_CHECKS);
        List<Object> tooMany = new ArrayList<>();
        for (long i = 1; i <= Limits.defaults().maxInItems() + 1; i++) {
            tooMany.add(i);
        }
        Refusal tooLong = refused(executor.read(
                ReadPlan.of("customers", List.of(Filter.of("id", Op.IN, tooMany))), Users.editor()));
        Refusal tooLongUpdate = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.of("id", Op.IN, tooMany))),
                Users.editor()));
        Refusal nested = refused(executor.read(
                ReadPlan.of("customers", List.of(Filter.of("id", Op.IN, List.of(List.of(1L, 2L), Map.of("$gt", 0L))))),
                Users.editor()));

        assertThat(tooLong.code()).isEqualTo(RefusalCode.IN_LIST_TOO_LONG);
        assertThat(tooLongUpdate.code()).isEqualTo(RefusalCode.IN_LIST_TOO_LONG);
        assertThat(nested.code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void tooManyFiltersAreRefused() {
        requires(ExecutorCapability.PLAN_CHECKS);
        List<Filter> filters = new ArrayList<>();
        for (long n = 1; n <= 500; n++) {
            filters.add(Filter.of("id", Op.NE, n));
        }
        assertThat(refused(executor.read(ReadPlan.of("customers", filters), Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.TOO_MANY_FILTERS);
    }

    @Test
    void comparingWithNullIsRefusedNotRewritten() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Refusal read =
                refused(executor.read(ReadPlan.of("customers", List.of(Filter.eq("notes", null))), Users.editor()));
        Refusal update = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.eq("notes", null))),
                Users.editor()));

        assertThat(read.code()).isEqualTo(RefusalCode.NULL_COMPARISON);
        assertThat(update.code()).isEqualTo(RefusalCode.NULL_COMPARISON);
    }

    @Test
    @Tag("invariant-7")
    void theTenantColumnCanBeNeitherFilteredNorSetNorOrderedBy() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Refusal filter =
                refused(executor.read(ReadPlan.of("orders", List.of(Filter.eq("company_id", 202L))), Users.editor()));
        Refusal create = refusedPreview(executor.previewCreate(
                new CreatePlan("customers", Map.of("name", "Acme GmbH", "company_id", 202L)), Users.editor()));
        Refusal update = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("company_id", 202L), List.of(Filter.eq("id", 5L))), Users.editor()));

        assertThat(filter.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
        assertThat(create.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
        assertThat(update.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
    }

    @Test
    @Tag("invariant-7")
    void anotherTenantsRowsLookExactlyLikeMissingRows() {
        RowSet otherTenant =
                rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))), Users.editor()));
        RowSet missing =
                rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 777777L))), Users.editor()));
        Refusal otherUpdate = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 9001L))),
                Users.editor()));
        Refusal missingUpdate = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 777777L))),
                Users.editor()));
        RowSet theirs = rows(
                executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))), Users.otherTenantEditor()));

        assertThat(otherTenant).isEqualTo(missing);
        assertThat(otherTenant.isEmpty()).isTrue();
        assertThat(otherUpdate).isEqualTo(missingUpdate);
        assertThat(otherUpdate.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(ids(theirs)).containsExactly(9001L);
    }

    @Test
    @Tag("invariant-7")
    void aCallerWithoutTenantIsRefusedOnTenantScopedEntities() {
        requires(ExecutorCapability.PLAN_CHECKS);
        assertThat(refused(executor.read(ReadPlan.of("customers", List.of()), Users.editorWithoutTenant()))
                        .code())
                .isEqualTo(RefusalCode.TENANT_REQUIRED);
        assertThat(refusedPreview(executor.previewCreate(
                                new CreatePlan("customers", Map.of("name", "X")), Users.editorWithoutTenant()))
                        .code())
                .isEqualTo(RefusalCode.TENANT_REQUIRED);
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        requires(ExecutorCapability.PLAN_CHECKS);
        for (Object id : List.of("05", "5.0", " 5", new BigDecimal("5.0"), 5.0d, true)) {
            assertThat(refused(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", id))), Users.editor()))
                            .code())
                    .as("id = %s", id)
                    .isEqualTo(RefusalCode.TYPE_MISMATCH);
        }
        for (String date : List.of("2024-02-30", "yesterday", "now", "infinity", "epoch")) {
            assertThat(refused(executor.read(
                                    ReadPlan.of("customers", List.of(Filter.of("created_at", Op.GT, date))),
                                    Users.editor()))
                            .code())
                    .as("created_at > %s", date)
                    .isEqualTo(RefusalCode.INVALID_DATE);
        }
        assertThat(ids(read(Filter.of("created_at", Op.GT, "2000-01-01T00:00:00Z"), Filter.of("id", Op.LE, 2L))))
                .containsExactly(1L, 2L);
    }

    @Test
    @Tag("invariant-2")
    void injectionStringsAreOnlyValues() {
        requires(ExecutorCapability.PLAN_CHECKS);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "' OR 1=1 --")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", "x' OR '1'='1")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", ShopFixture.customerName(45))))).containsExactly(45L);
        assertThat(refused(executor.read(ReadPlan.of("customers; drop table customers", List.of()), Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(refused(executor.read(
                                ReadPlan.of("customers", List.of(Filter.eq("name\" or 1=1 --", "x"))), Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(count("customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
    }

    @Test
    void rolesDecideWhoMayReadAndWrite() {
        requires(ExecutorCapability.PLAN_CHECKS);
        assertThat(refused(executor.read(ReadPlan.of("customers", List.of()), UserContext.of("u-5", "intruder", "101")))
                        .code())
                .isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L))),
                                Users.viewer()))
                        .code())
                .isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusedPreview(executor.previewCreate(
                                new CreatePlan("customers", Map.of("name", "X")), Users.viewer()))
                        .code())
                .isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.viewer()))
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aQueryOverTheCostLimitIsRefusedBeforeItRuns() {
        Assumptions.assumeTrue(hasCostGate(), "the cost gate applies to PostgreSQL and MariaDB only");
        GuardedExecutor gated = executorUnderTest(
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.defaults(),
                readOnlyMode,
                OptionalDouble.of(0.001));
        GuardedExecutor generous = executorUnderTest(
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.defaults(),
                readOnlyMode,
                OptionalDouble.of(1.0e12));

        Refusal refusal = refused(gated.read(
                ReadPlan.of("customers", List.of(Filter.of("name", Op.CONTAINS, "pend"))), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.COST_TOO_HIGH);
        assertNoLeak(refusal);
        assertThat(rows(generous.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor()))
                        .size())
                .isEqualTo(1);
    }
}
