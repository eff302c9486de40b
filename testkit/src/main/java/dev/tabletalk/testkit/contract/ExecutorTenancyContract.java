package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do for tenancy of entities without the tenant column: child
 * tables are scoped through their foreign keys, shared reference data is read-only.
 */
public abstract class ExecutorTenancyContract extends ExecutorReadContract {

    // ============================================================== tenancy of entities without the tenant column

    @Test
    @Tag("invariant-7")
    void aChildTableIsScopedThroughEveryForeignKeyPathToItsTenant() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        List<Object> mine = ids(rows(executor.read(ReadPlan.of("order_lines", List.of()), Users.editor())));
        List<Object> theirs =
                ids(rows(executor.read(ReadPlan.of("order_lines", List.of()), Users.otherTenantEditor())));

        // line 5 has no order and line 6 mixes an order of 101 with a product of 202: nobody's
        assertThat(mine).containsExactly(1L, 2L, 3L);
        assertThat(theirs).containsExactly(4L);
    }

    @Test
    @Tag("invariant-7")
    void aGrandchildTableIsScopedThroughTwoHops() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        List<Object> mine = ids(rows(executor.read(ReadPlan.of("line_notes", List.of()), Users.editor())));
        RowSet theirNote = rows(executor.read(ReadPlan.of("line_notes", List.of(Filter.eq("id", 2L))), Users.editor()));

        assertThat(mine).containsExactly(1L);
        assertThat(theirNote.isEmpty()).isTrue();
    }

    @Test
    @Tag("invariant-7")
    void anotherTenantsChildRowAnswersLikeAMissingOneAndNothingChanges() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        Refusal theirs = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("quantity", 99L), List.of(Filter.eq("id", 4L))), Users.editor()));
        Refusal missing = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("quantity", 99L), List.of(Filter.eq("id", 4444L))),
                Users.editor()));
        Refusal orphan = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("quantity", 99L), List.of(Filter.eq("id", 5L))), Users.editor()));

        assertThat(theirs).isEqualTo(missing).isEqualTo(orphan);
        assertThat(theirs.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(stored("order_lines", 4L, "quantity")).isEqualTo(4L);
        assertThat(stored("order_lines", 5L, "quantity")).isEqualTo(5L);
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void theCallersOwnChildRowIsUpdatedThroughThePreview() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("quantity", 7L), List.of(Filter.of("id", Op.LE, 4L))),
                Users.editor()));

        CommitOutcome.Committed committed =
                committed(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(committed.rowCount()).isEqualTo(3);
        assertThat(storedColumns("order_lines", "id", "quantity"))
                .containsExactly(
                        List.of(1L, 7L),
                        List.of(2L, 7L),
                        List.of(3L, 7L),
                        List.of(4L, 4L),
                        List.of(5L, 5L),
                        List.of(6L, 6L));
    }

    @Test
    @Tag("invariant-7")
    void aChildCanOnlyBeCreatedUnderTheCallersOwnParents() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        Refusal theirOrder = refusedPreview(executor.previewCreate(
                new CreatePlan("order_lines", Map.of("id", 50L, "order_id", 900L, "product_id", 1L, "quantity", 1L)),
                Users.editor()));
        Refusal noOrder = refusedPreview(executor.previewCreate(
                new CreatePlan("order_lines", Map.of("id", 50L, "order_id", 90909L, "product_id", 1L, "quantity", 1L)),
                Users.editor()));
        Refusal theirProduct = refusedPreview(executor.previewCreate(
                new CreatePlan("order_lines", Map.of("id", 50L, "order_id", 1L, "product_id", 99L, "quantity", 1L)),
                Users.editor()));
        Refusal orphan = refusedPreview(executor.previewCreate(
                new CreatePlan("order_lines", Map.of("id", 50L, "product_id", 1L, "quantity", 1L)), Users.editor()));
        PreviewOutcome.Ready mine = ready(executor.previewCreate(
                new CreatePlan("order_lines", Map.of("id", 50L, "order_id", 1L, "product_id", 1L, "quantity", 1L)),
                Users.editor()));
        committed(executor.executeConfirmed(mine.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(theirOrder.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(theirOrder.message().replace("900", "N"))
                .isEqualTo(noOrder.message().replace("90909", "N"));
        assertThat(theirProduct.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(orphan.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(orphan.message()).contains("order_id");
        assertThat(count("order_lines")).isEqualTo(7);
    }

    @Test
    @Tag("invariant-7")
    void anUpdateCannotPointARowAtAnotherTenantsParentAndTheAnswerIsTheSameAsForNoParent() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        Refusal theirs = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("product_id", 99L), List.of(Filter.eq("id", 1L))),
                Users.editor()));
        Refusal missing = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("product_id", 99999L), List.of(Filter.eq("id", 1L))),
                Users.editor()));
        Refusal theirOrder = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("order_id", 900L), List.of(Filter.eq("id", 1L))), Users.editor()));
        Refusal emptied = refusedPreview(executor.previewUpdate(
                new UpdatePlan("order_lines", Collections.singletonMap("order_id", null), List.of(Filter.eq("id", 1L))),
                Users.editor()));

        assertThat(theirs.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(theirs.message().replace("99999", "99"))
                .isEqualTo(missing.message().replace("99999", "99"));
        assertThat(theirOrder.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(emptied.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(stored("order_lines", 1L, "order_id", "product_id")).containsExactly(1L, 1L);
    }

    @Test
    @Tag("invariant-7")
    void aParentThatMovesToAnotherTenantAfterThePreviewStopsTheConfirm() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("order_lines", Map.of("product_id", 4L), List.of(Filter.eq("id", 1L))), Users.editor()));
        shop().change("products", 4L, "company_id", ShopFixture.OTHER_TENANT);

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertNoLeak(refusal);
        assertThat(stored("order_lines", 1L, "product_id")).isEqualTo(1L);
    }

    @Test
    @Tag("invariant-7")
    void sharedReferenceDataIsReadableByEveryTenantAndWritableByNone() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        RowSet mine = rows(executor.read(ReadPlan.of("countries", List.of()), Users.editor()));
        RowSet theirs = rows(executor.read(ReadPlan.of("countries", List.of()), Users.otherTenantEditor()));
        Refusal update = refusedPreview(executor.previewUpdate(
                new UpdatePlan("countries", Map.of("name", "Deutschland"), List.of(Filter.eq("code", "DE"))),
                Users.admin()));
        Refusal create = refusedPreview(executor.previewCreate(
                new CreatePlan("countries", Map.of("code", "IT", "name", "Italy")), Users.admin()));

        assertThat(mine.size()).isEqualTo(2);
        assertThat(theirs).isEqualTo(mine);
        assertThat(update.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        assertThat(create.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        assertThat(storedColumns("countries", "code", "name")).contains(List.of("DE", "Germany"));
    }

    @Test
    @Tag("invariant-7")
    @Tag("invariant-6")
    void aViewWithoutTheTenantColumnAnswersExactlyLikeAnEntityThatDoesNotExist() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        Refusal view = refused(executor.read(ReadPlan.of("customer_names", List.of()), Users.editor()));
        Refusal missing = refused(executor.read(ReadPlan.of("customer_namez", List.of()), Users.editor()));
        Refusal viewWithoutTenant =
                refused(executor.read(ReadPlan.of("customer_names", List.of()), Users.editorWithoutTenant()));

        assertThat(view.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(view.message().replace("customer_names", "N"))
                .isEqualTo(missing.message().replace("customer_namez", "N"));
        assertThat(viewWithoutTenant.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
    }

    @Test
    @Tag("invariant-7")
    void aCallerWithoutTenantCannotUseChildTablesEither() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        Refusal refusal = refused(executor.read(ReadPlan.of("order_lines", List.of()), Users.editorWithoutTenant()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.TENANT_REQUIRED);
        assertThat(refusal.message()).doesNotContain("orders").doesNotContain("products");
    }

    @Test
    @Tag("invariant-7")
    void whenNoTableHasTheTenantColumnEverythingIsReadOnlyForTenantCallers() {
        requires(ExecutorCapability.FOREIGN_KEY_TENANCY);
        GuardedExecutor misconfigured = executor(catalog(), Limits.defaults().withTenantColumn("tenant_key"));

        RowSet customers =
                rows(misconfigured.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))), Users.editor()));
        Refusal update = refusedPreview(misconfigured.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "x"), List.of(Filter.eq("id", 1L))), Users.editor()));

        assertThat(customers.size()).isEqualTo(1);
        assertThat(update.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
    }
}
