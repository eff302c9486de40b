package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do when a previewed write is confirmed: exactly the previewed
 * rows, re-checked, once, behind the commit gate.
 */
public abstract class ExecutorConfirmContract extends ExecutorWriteContract {

    // ============================================================== confirm

    @Test
    @Tag("invariant-5")
    @Tag("invariant-4")
    void aConfirmedUpdateChangesExactlyThePreviewedRows() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("notes", "confirmed"),
                        List.of(Filter.of("id", Op.IN, List.of(1L, 2L, 3L)))),
                Users.editor()));

        CommitOutcome.Committed committed =
                committed(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(committed.rowCount()).isEqualTo(3);
        assertThat(committed.keys()).isEqualTo(ready.snapshot().keys());
        assertThat(count("customers", row -> "confirmed".equals(row.get("notes"))))
                .isEqualTo(3);
        assertThat(count("customers", row -> "confirmed".equals(row.get("notes")) && id(row) <= 3))
                .isEqualTo(3);
        assertThat(stored("customers", 9001L, "notes")).isEqualTo("other tenant");
    }

    @Test
    @Tag("invariant-4")
    void aRowChangedByAnotherConnectionAfterThePreviewRefusesTheConfirm() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "mine"), List.of(Filter.eq("id", 3L))), Users.editor()));
        shop().change("customers", 3L, "version", 5L);

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(stored("customers", 3L, "notes")).isEqualTo("note 3");
    }

    @Test
    @Tag("invariant-5")
    void aRowThatStartsMatchingAfterThePreviewRefusesTheConfirm() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("status", "inactive"),
                        List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))),
                Users.editor()));
        shop().change("customers", 20L, "credit_limit", new BigDecimal("50"));

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("customers", row -> "inactive".equals(row.get("status")) && id(row) <= 20))
                .isEqualTo(6);
    }

    @Test
    void aRowThatNoLongerMatchesRefusesTheConfirm() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers",
                        Map.of("notes", "cheap"),
                        List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))),
                Users.editor()));
        shop().change("customers", 3L, "credit_limit", new BigDecimal("500"));

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("customers", row -> "cheap".equals(row.get("notes")))).isZero();
    }

    @Test
    @Tag("invariant-4")
    void twoConfirmsOfOnePreviewRacingApplyItExactlyOnce() throws Exception {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers", Map.of("notes", "raced"), List.of(Filter.of("id", Op.IN, List.of(10L, 11L, 12L)))),
                Users.editor()));
        AtomicInteger gateCalls = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<CommitOutcome> confirm = () -> {
                start.await();
                return executor.executeConfirmed(ready.snapshot(), Users.editor(), c -> gateCalls.incrementAndGet());
            };
            Future<CommitOutcome> first = pool.submit(confirm);
            Future<CommitOutcome> second = pool.submit(confirm);
            start.countDown();
            List<CommitOutcome> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

            assertThat(outcomes)
                    .filteredOn(o -> o instanceof CommitOutcome.Committed)
                    .hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof CommitOutcome.Refused)
                    .singleElement()
                    .satisfies(o -> assertThat(
                                    ((CommitOutcome.Refused) o).refusal().code())
                            .isIn(RefusalCode.ROWS_CHANGED, RefusalCode.LOCK_TIMEOUT));
            assertThat(gateCalls.get()).isEqualTo(1);
            assertThat(count("customers", row -> "raced".equals(row.get("notes"))))
                    .isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheCommitGateFailsTheWriteIsRolledBackAndTheFailurePropagates() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "gated"), List.of(Filter.eq("id", 5L))), Users.editor()));
        DependencyUnavailableException auditDown = DependencyUnavailableException.auditStore("audit store down", null);

        assertThatThrownBy(() -> executor.executeConfirmed(ready.snapshot(), Users.editor(), c -> {
                    throw auditDown;
                }))
                .isSameAs(auditDown);
        assertThat(stored("customers", 5L, "notes")).isEqualTo("note 5");
    }

    @Test
    @Tag("invariant-10")
    void readOnlyModeRefusesEveryWriteAtOnceButNotReads() {
        requires(ExecutorCapability.PLAN_CHECKS);
        PreviewOutcome.Ready before = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "late"), List.of(Filter.eq("id", 5L))), Users.editor()));
        readOnlyMode.set(true);

        Refusal update = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L))),
                Users.editor()));
        Refusal create =
                refusedPreview(executor.previewCreate(new CreatePlan("customers", Map.of("name", "X")), Users.admin()));
        Refusal confirm = refusedCommit(executor.executeConfirmed(before.snapshot(), Users.editor(), failingGate()));

        assertThat(List.of(update, create, confirm)).extracting(Refusal::code).containsOnly(RefusalCode.READ_ONLY_MODE);
        assertThat(rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor()))
                        .size())
                .isEqualTo(1);
        assertThat(stored("customers", 5L, "notes")).isEqualTo("note 5");
        readOnlyMode.set(false);
        assertThat(executor.executeConfirmed(before.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(CommitOutcome.Committed.class);
    }

    @Test
    @Tag("invariant-4")
    void theRoleIsCheckedAgainAtConfirm() {
        requires(ExecutorCapability.PLAN_CHECKS);
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "demoted"), List.of(Filter.eq("id", 5L))), Users.editor()));

        Refusal refusal = refusedCommit(
                executor.executeConfirmed(ready.snapshot(), Users.editor().withRole("viewer"), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(stored("customers", 5L, "notes")).isEqualTo("note 5");
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void aForgedSnapshotChangesNothing() {
        requires(ExecutorCapability.PLAN_CHECKS);
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers", Map.of("notes", "forged"), List.of(Filter.of("id", Op.IN, List.of(5L, 6L)))),
                Users.editor()));
        PreviewSnapshot widened = new PreviewSnapshot(
                ready.snapshot().plan(),
                List.of(RowKey.of("id", 5L), RowKey.of("id", 6L), RowKey.of("id", 9001L)),
                ready.snapshot().valuesHash());
        PreviewSnapshot otherHash =
                new PreviewSnapshot(ready.snapshot().plan(), ready.snapshot().keys(), "0".repeat(64));
        UpdatePlan crossTenant =
                new UpdatePlan("customers", Map.of("notes", "forged"), List.of(Filter.eq("id", 9001L)));
        PreviewSnapshot otherTenant = new PreviewSnapshot(
                crossTenant, List.of(RowKey.of("id", 9001L)), ready.snapshot().valuesHash());
        List<RowKey> many = new ArrayList<>();
        for (long i = 1; i <= 21; i++) {
            many.add(RowKey.of("id", i));
        }
        PreviewSnapshot overCap = new PreviewSnapshot(
                new UpdatePlan("customers", Map.of("notes", "forged"), List.of(Filter.of("id", Op.LE, 21L))),
                many,
                ready.snapshot().valuesHash());

        assertThat(refusedCommit(executor.executeConfirmed(widened, Users.editor(), failingGate()))
                        .code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(otherHash, Users.editor(), failingGate()))
                        .code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(otherTenant, Users.editor(), failingGate()))
                        .code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(overCap, Users.editor(), failingGate()))
                        .code())
                .isEqualTo(RefusalCode.CAP_EXCEEDED);
        assertThat(count("customers", row -> "forged".equals(row.get("notes")))).isZero();
    }

    @Test
    @Tag("invariant-4")
    void aCreateSnapshotMustMatchItsPlan() {
        requires(ExecutorCapability.PLAN_CHECKS);
        PreviewOutcome.Ready ready =
                ready(executor.previewCreate(new CreatePlan("customers", Map.of("name", "Honest")), Users.editor()));
        PreviewSnapshot swapped = new PreviewSnapshot(
                new CreatePlan("customers", Map.of("name", "Swapped")),
                List.of(),
                ready.snapshot().valuesHash());

        assertThat(refusedCommit(executor.executeConfirmed(swapped, Users.editor(), failingGate()))
                        .code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("customers", row -> "Swapped".equals(row.get("name")))).isZero();
    }

    // ============================================================== a confirm asked about again

    @Test
    @Tag("invariant-7")
    void aConfirmedUpdateIsFoundAppliedOnlyOnceItIsAndNeverThroughAnotherTenant() {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan(
                        "customers", Map.of("notes", "asked again"), List.of(Filter.of("id", Op.IN, List.of(4L, 5L)))),
                Users.editor()));

        CommitOutcome.Unknown before = executor.checkConfirmed(ready.snapshot(), Users.editor());
        committed(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));
        CommitOutcome.Unknown after = executor.checkConfirmed(ready.snapshot(), Users.editor());
        CommitOutcome.Unknown theirs = executor.checkConfirmed(ready.snapshot(), Users.otherTenantEditor());
        readOnlyMode.set(true);
        CommitOutcome.Unknown readOnly = executor.checkConfirmed(ready.snapshot(), Users.editor());
        readOnlyMode.set(false);
        shop().change("customers", 4L, "notes", "someone else");
        CommitOutcome.Unknown changed = executor.checkConfirmed(ready.snapshot(), Users.editor());

        assertThat(before.finding()).isEqualTo(CommitOutcome.Finding.NOT_APPLIED);
        assertThat(after.finding()).isEqualTo(CommitOutcome.Finding.APPLIED);
        assertThat(after.keys()).isEqualTo(ready.snapshot().keys());
        // the other tenant's scope reaches none of the rows: they look changed, never applied
        assertThat(theirs.finding()).isEqualTo(CommitOutcome.Finding.CHANGED_OTHERWISE);
        // a look writes nothing: the read-only switch does not stop it
        assertThat(readOnly.finding()).isEqualTo(CommitOutcome.Finding.APPLIED);
        assertThat(changed.finding()).isEqualTo(CommitOutcome.Finding.CHANGED_OTHERWISE);
        // a check writes nothing
        assertThat(count("customers", row -> "asked again".equals(row.get("notes"))))
                .isEqualTo(1);
    }

    @Test
    void aConfirmedCreateIsFoundByAKeyItSetsAndNotCheckedWhenOnlyTheDatabaseMakesOne() {
        // the products' sku is a unique key where the executor knows the database's constraints
        requires(ExecutorCapability.CONSTRAINT_CHECKS);
        PreviewOutcome.Ready product = ready(executor.previewCreate(
                new CreatePlan("products", Map.of("sku", "SKU-ASKED", "name", "Asked again")), Users.editor()));
        PreviewOutcome.Ready customer =
                ready(executor.previewCreate(new CreatePlan("customers", Map.of("name", "Keyless")), Users.editor()));

        CommitOutcome.Unknown before = executor.checkConfirmed(product.snapshot(), Users.editor());
        committed(executor.executeConfirmed(product.snapshot(), Users.editor(), CommitGate.OPEN));
        CommitOutcome.Unknown after = executor.checkConfirmed(product.snapshot(), Users.editor());
        CommitOutcome.Unknown theirs = executor.checkConfirmed(product.snapshot(), Users.otherTenantEditor());
        CommitOutcome.Unknown keyless = executor.checkConfirmed(customer.snapshot(), Users.editor());

        assertThat(before.finding()).isEqualTo(CommitOutcome.Finding.NOT_APPLIED);
        assertThat(after.finding()).isEqualTo(CommitOutcome.Finding.APPLIED);
        // the other tenant's row would carry its own tenant: it is not there, whatever the editor wrote
        assertThat(theirs.finding()).isNotEqualTo(CommitOutcome.Finding.APPLIED);
        assertThat(keyless.finding()).isEqualTo(CommitOutcome.Finding.NOT_CHECKED);
        assertThat(count("products", row -> "SKU-ASKED".equals(row.get("sku")))).isEqualTo(1);
        assertThat(count("customers", row -> "Keyless".equals(row.get("name")))).isZero();
    }
}
