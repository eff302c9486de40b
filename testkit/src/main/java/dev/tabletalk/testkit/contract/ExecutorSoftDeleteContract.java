package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do with an entity's soft-delete marker (#13): reads leave soft-deleted rows
 * out unless the plan asks for them, updates never touch them, and a restore (the marker set back to NULL) reaches
 * only them. The fixture has no marker column of its own, so these tests borrow {@code customers.notes} as a
 * timestamp-kind marker: the executor only compares it with NULL, and seeded odd customers have notes (deleted)
 * while even ones have none (live).
 */
public abstract class ExecutorSoftDeleteContract extends ExecutorPagingContract {

    private static final String MARKER = "notes";

    private GuardedExecutor soft;

    @BeforeEach
    final void softDeletingCustomers() {
        EntityCatalog base = catalog();
        EntityCatalog marked = EntityCatalog.of(base.entities().stream()
                .map(e -> e.name().equals("customers")
                        ? e.withSoftDelete(Optional.of(
                                new SoftDelete(MARKER, SoftDelete.Kind.TIMESTAMP, "borrowed by the contract")))
                        : e)
                .toList());
        soft = executor(marked, Limits.defaults());
    }

    private List<Object> readIds(DeletedRows deleted, long... ids) {
        ReadPlan plan = ReadPlan.of("customers", List.of(idIn(ids))).withDeleted(deleted);
        return ids(rows(soft.read(plan, Users.editor())));
    }

    private static Filter idIn(long... ids) {
        return new Filter("id", Op.IN, Arrays.stream(ids).boxed().toList());
    }

    private static UpdatePlan update(String field, Object value, Filter filter) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(field, value);
        return new UpdatePlan("customers", changes, List.of(filter));
    }

    private static List<Object> keys(PreviewOutcome.Ready ready) {
        return ready.snapshot().keys().stream()
                .map(RowKey::values)
                .map(values -> values.get("id"))
                .map(id -> (Object) ((Number) id).longValue())
                .toList();
    }

    @Test
    void readsLeaveSoftDeletedRowsOutUnlessThePlanAsksForThem() {
        assertThat(readIds(DeletedRows.EXCLUDED, 1, 2, 3, 4)).containsExactly(2L, 4L);
        assertThat(readIds(DeletedRows.INCLUDED, 1, 2, 3, 4)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(readIds(DeletedRows.ONLY, 1, 2, 3, 4)).containsExactly(1L, 3L);
        // an entity without a marker is not narrowed at all
        assertThat(ids(rows(executor.read(ReadPlan.of("customers", List.of(idIn(1, 2))), Users.editor()))))
                .containsExactly(1L, 2L);
    }

    @Test
    void aggregatesCountOnlyTheRowsTheReadReaches() {
        ReadPlan count =
                ReadPlan.of("customers", List.of(new Filter("id", Op.LE, 10L))).withAggregate(Aggregate.count());

        assertThat(rows(soft.read(count, Users.editor())).rows()).containsExactly(Map.of("count", 5L));
        assertThat(rows(soft.read(count.withDeleted(DeletedRows.INCLUDED), Users.editor()))
                        .rows())
                .containsExactly(Map.of("count", 10L));
    }

    @Test
    void updatesPreviewAndChangeOnlyLiveRows() {
        PreviewOutcome.Ready ready =
                ready(soft.previewUpdate(update("status", "blocked", idIn(1, 2, 3, 4)), Users.editor()));

        assertThat(keys(ready)).containsExactly(2L, 4L);
        committed(soft.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));
        assertThat(stored("customers", 2, "status")).isEqualTo("blocked");
        assertThat(stored("customers", 1, "status")).isEqualTo("active");
        assertThat(stored("customers", 3, "status")).isEqualTo("inactive");
    }

    @Test
    void aSoftDeleteIsAnUpdateOfTheMarkerAndARestoreReachesOnlyDeletedRows() {
        PreviewOutcome.Ready delete =
                ready(soft.previewUpdate(update(MARKER, "deleted", Filter.eq("id", 2L)), Users.editor()));
        committed(soft.executeConfirmed(delete.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(stored("customers", 2, MARKER)).isEqualTo("deleted");
        assertThat(readIds(DeletedRows.EXCLUDED, 2, 4)).containsExactly(4L);
        // already deleted: a second delete finds nothing to change
        assertThat(refusedPreview(soft.previewUpdate(update(MARKER, "again", Filter.eq("id", 2L)), Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.NO_MATCHING_ROWS);

        PreviewOutcome.Ready restore = ready(soft.previewUpdate(update(MARKER, null, idIn(2, 4)), Users.editor()));
        assertThat(keys(restore)).as("a restore reaches deleted rows only").containsExactly(2L);
        committed(soft.executeConfirmed(restore.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(stored("customers", 2, MARKER)).isNull();
        assertThat(readIds(DeletedRows.EXCLUDED, 2, 4)).containsExactly(2L, 4L);
        assertThat(refusedPreview(soft.previewUpdate(update(MARKER, null, Filter.eq("id", 4L)), Users.editor()))
                        .code())
                .as("restoring a live row finds nothing to restore")
                .isEqualTo(RefusalCode.NO_MATCHING_ROWS);
    }

    @Test
    void aRowDeletedBetweenPreviewAndConfirmIsNotChanged() {
        PreviewOutcome.Ready ready =
                ready(soft.previewUpdate(update("status", "blocked", Filter.eq("id", 2L)), Users.editor()));
        shop().change("customers", 2, MARKER, "deleted meanwhile");

        assertThat(refusedCommit(soft.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN))
                        .code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(stored("customers", 2, "status")).isEqualTo("active");
    }
}
