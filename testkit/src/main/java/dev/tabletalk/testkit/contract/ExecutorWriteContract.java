package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What every guarded executor must do when it previews a create or an update. */
public abstract class ExecutorWriteContract extends ExecutorTenancyContract {

    // ============================================================== create

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void previewCreateShowsTheRowAsItWillBeInsertedAndWritesNothing() {
        requires(ExecutorCapability.PARTIAL_MASKS);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "New Co");
        values.put("email", "new.buyer@example.com");
        values.put("credit_limit", new BigDecimal("1500.5"));
        PreviewOutcome.Ready ready = ready(executor.previewCreate(new CreatePlan("customers", values), Users.editor()));

        Preview preview = ready.preview();
        Map<String, Object> row = preview.changes().get(0).after();
        assertThat(preview.rowCount()).isEqualTo(1);
        assertThat(row.get("id")).isEqualTo(Placeholder.GENERATED);
        assertThat(row.get("company_id")).isEqualTo(ShopFixture.TENANT);
        assertThat(row.get("name")).isEqualTo("New Co");
        assertThat(row.get("email")).isEqualTo("n***@example.com");
        assertThat((BigDecimal) row.get("credit_limit")).isEqualByComparingTo("1500.50");
        assertThat(row.get("status")).isEqualTo(Placeholder.DATABASE_DEFAULT);
        assertThat(row.get("created_at")).isEqualTo(Placeholder.DATABASE_DEFAULT);
        assertThat(row).doesNotContainKey("password_hash");
        assertThat(ready.snapshot().keys()).isEmpty();
        assertThat(count("customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
    }

    @Test
    void missingRequiredFieldsAreListed() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Refusal refusal = refusedPreview(executor.previewCreate(
                new CreatePlan("products", Map.of("price", new BigDecimal("1.00"))), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(refusal.message()).contains("sku").contains("name");
    }

    @Test
    void uniqueValuesAreCheckedFriendlyBeforeThePreview() {
        requires(ExecutorCapability.CONSTRAINT_CHECKS);
        Refusal taken = refusedPreview(executor.previewCreate(
                new CreatePlan("products", Map.of("sku", "SKU-001", "name", "Again")), Users.editor()));
        PreviewOutcome otherTenantsSku = executor.previewCreate(
                new CreatePlan("products", Map.of("sku", "SKU-001", "name", "Mine")), Users.otherTenantEditor());
        PreviewOutcome newSku = executor.previewCreate(
                new CreatePlan("products", Map.of("sku", "SKU-NEW", "name", "New")), Users.editor());

        assertThat(taken.code()).isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertThat(taken.message()).contains("SKU-001");
        assertNoLeak(taken);
        assertThat(otherTenantsSku).isInstanceOf(PreviewOutcome.Refused.class);
        assertThat(newSku).isInstanceOf(PreviewOutcome.Ready.class);
    }

    @Test
    @Tag("invariant-7")
    void foreignKeysAreCheckedFriendlyAndAnotherTenantsRowDoesNotExist() {
        requires(ExecutorCapability.CONSTRAINT_CHECKS);
        Refusal missing = refusedPreview(executor.previewCreate(
                new CreatePlan("orders", Map.of("customer_id", 7777L, "total", new BigDecimal("10.00"))),
                Users.editor()));
        Refusal otherTenant = refusedPreview(executor.previewCreate(
                new CreatePlan("orders", Map.of("customer_id", 9001L, "total", new BigDecimal("10.00"))),
                Users.editor()));
        PreviewOutcome fine = executor.previewCreate(
                new CreatePlan("orders", Map.of("customer_id", 7L, "total", new BigDecimal("10.00"))), Users.editor());

        assertThat(missing.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(missing.message()).contains("no customers").contains("7777");
        assertThat(otherTenant.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(otherTenant.message().replace("9001", "N"))
                .isEqualTo(missing.message().replace("7777", "N"));
        assertThat(fine).isInstanceOf(PreviewOutcome.Ready.class);
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void confirmedCreateInsertsWithTheCallersTenantAndReturnsTheGeneratedKey() {
        PreviewOutcome.Ready ready = ready(executor.previewCreate(
                new CreatePlan("customers", Map.of("name", "Fresh Ltd", "email", "fresh@example.com")),
                Users.editor()));
        AtomicReference<CommitOutcome.Committed> gateSaw = new AtomicReference<>();

        CommitOutcome outcome = executor.executeConfirmed(ready.snapshot(), Users.editor(), gateSaw::set);

        CommitOutcome.Committed committed = committed(outcome);
        assertThat(committed.rowCount()).isEqualTo(1);
        assertThat(committed.keys()).hasSize(1);
        Object id = committed.keys().get(0).values().get("id");
        assertThat(id).isInstanceOf(Long.class);
        assertThat(gateSaw.get()).isEqualTo(committed);
        assertThat(stored("customers", ((Number) id).longValue(), "company_id", "name", "status"))
                .containsExactly(ShopFixture.TENANT, "Fresh Ltd", "active");
    }

    @Test
    void aUniqueClashThatAppearsAfterThePreviewIsASpecificRefusal() {
        requires(ExecutorCapability.CONSTRAINT_CHECKS);
        PreviewOutcome.Ready ready = ready(executor.previewCreate(
                new CreatePlan("products", Map.of("sku", "SKU-RACE", "name", "Racer")), Users.editor()));
        shop().insert(
                        "products",
                        Map.of(
                                "id",
                                500L,
                                "company_id",
                                ShopFixture.TENANT,
                                "sku",
                                "SKU-RACE",
                                "name",
                                "x",
                                "price",
                                BigDecimal.ONE,
                                "stock",
                                1L));

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(refusal.code()).isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertNoLeak(refusal);
        assertThat(count("products", row -> "SKU-RACE".equals(row.get("sku")))).isEqualTo(1);
    }

    // ============================================================== update preview

    @Test
    @Tag("invariant-5")
    void anUpdateNeedsAFilter() {
        Refusal refusal = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "inactive"), List.of()), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.UPDATE_REQUIRES_FILTER);
    }

    @Test
    @Tag("invariant-5")
    void filtersThatMatchTooManyRowsAreRefusedAboveTheCap() {
        List<List<Condition>> tautologies = List.of(
                List.of(Filter.of("id", Op.GT, 0L)),
                List.of(Filter.of("name", Op.CONTAINS, "")),
                List.of(Filter.of("name", Op.NE, "no such name")),
                List.of(Filter.of("status", Op.NE, "blocked")),
                List.of(Filter.of("id", Op.LE, 21L)));
        for (List<Condition> filters : tautologies) {
            Refusal refusal = refusedPreview(executor.previewUpdate(
                    new UpdatePlan("customers", Map.of("status", "inactive"), filters), Users.editor()));
            assertThat(refusal.code()).as("%s", filters).isEqualTo(RefusalCode.CAP_EXCEEDED);
        }
        assertThat(executor.previewUpdate(
                        new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.of("id", Op.LE, 20L))),
                        Users.editor()))
                .isInstanceOf(PreviewOutcome.Ready.class);
        // a '%' never widens an update: it matches only names that contain a '%'
        assertThat(ready(executor.previewUpdate(
                                new UpdatePlan(
                                        "customers",
                                        Map.of("status", "inactive"),
                                        List.of(Filter.of("name", Op.CONTAINS, "%"))),
                                Users.editor()))
                        .snapshot()
                        .keys())
                .containsExactly(RowKey.of("id", 42L));
    }

    @Test
    @Tag("invariant-5")
    void theCapFollowsTheRole() {
        requires(ExecutorCapability.PLAN_CHECKS);
        UpdatePlan fifty = new UpdatePlan("customers", Map.of("notes", "bulk"), List.of(Filter.of("id", Op.LE, 50L)));

        assertThat(refusedPreview(executor.previewUpdate(fifty, Users.editor())).code())
                .isEqualTo(RefusalCode.CAP_EXCEEDED);
        assertThat(ready(executor.previewUpdate(fifty, Users.admin())).preview().rowCount())
                .isEqualTo(50);
    }

    @Test
    void anUpdateMatchingNothingIsRefused() {
        Refusal refusal = refusedPreview(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("status", "inactive"),
                        List.of(Filter.of("name", Op.CONTAINS, "nobody by that name"))),
                Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
    }

    @Test
    @Tag("invariant-4")
    void previewUpdateShowsEveryRowBeforeAndAfterAndWritesNothing() {
        requires(ExecutorCapability.PARTIAL_MASKS);
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("status", "blocked", "email", "changed@example.com"),
                        List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))),
                Users.editor()));

        Preview preview = ready.preview();
        assertThat(preview.rowCount()).isEqualTo(9);
        assertThat(ready.snapshot().keys())
                .extracting(k -> k.values().get("id"))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        RowChange first = preview.changes().get(0);
        assertThat(first.key()).contains(RowKey.of("id", 1L));
        assertThat(first.before().get("status")).isEqualTo("active");
        assertThat(first.after().get("status")).isEqualTo("blocked");
        assertThat(first.before().get("email")).isEqualTo("c***@example.com");
        assertThat(first.after().get("email")).isEqualTo("c***@example.com");
        assertThat(preview.changedColumns()).containsExactlyInAnyOrder("status", "email");
        assertThat(preview.changes().toString()).doesNotContain(ShopFixture.HIDDEN_MARKER);
        assertThat(count("customers", row -> "blocked".equals(row.get("status"))))
                .isEqualTo(5);
    }

    @Test
    void badValuesInAnUpdateAreRefusedBeforeTheDatabase() {
        requires(ExecutorCapability.PLAN_CHECKS);
        Map<Object, RefusalCode> creditLimits = new LinkedHashMap<>();
        creditLimits.put("one million", RefusalCode.TYPE_MISMATCH);
        creditLimits.put("NaN", RefusalCode.NOT_FINITE);
        creditLimits.put("Infinity", RefusalCode.NOT_FINITE);
        creditLimits.put(Double.POSITIVE_INFINITY, RefusalCode.NOT_FINITE);
        creditLimits.put(new BigDecimal("12345678901.99"), RefusalCode.OUT_OF_RANGE);
        creditLimits.put(new BigDecimal("1e309"), RefusalCode.OUT_OF_RANGE);
        creditLimits.forEach((value, code) -> assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan(
                                        "customers", Map.of("credit_limit", value), List.of(Filter.eq("id", 5L))),
                                Users.editor()))
                        .code())
                .as("credit_limit %s", value)
                .isEqualTo(code));
        Map<Object, RefusalCode> stocks = new LinkedHashMap<>();
        stocks.put(2147483648L, RefusalCode.OUT_OF_RANGE);
        stocks.put(-1L, RefusalCode.OUT_OF_RANGE);
        stocks.put(3.7d, RefusalCode.TYPE_MISMATCH);
        stocks.put(Boolean.TRUE, RefusalCode.TYPE_MISMATCH);
        stocks.forEach((value, code) -> assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan("products", Map.of("stock", value), List.of(Filter.eq("id", 7L))),
                                Users.editor()))
                        .code())
                .as("stock %s", value)
                .isEqualTo(code));
        assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan("customers", Map.of("status", "deleted"), List.of(Filter.eq("id", 5L))),
                                Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.INVALID_ENUM_VALUE);
        assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan(
                                        "customers", Map.of("st\u0430tus", "blocked"), List.of(Filter.eq("id", 5L))),
                                Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan("customers", Map.of("version", 5L), List.of(Filter.eq("id", 5L))),
                                Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.FIELD_NOT_WRITABLE);
    }
}
