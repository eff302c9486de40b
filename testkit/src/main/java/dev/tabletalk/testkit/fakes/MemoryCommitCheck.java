package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-memory executor's look at a confirmed write's rows, as the real executor's {@code CommitCheck}. */
final class MemoryCommitCheck {

    private MemoryCommitCheck() {}

    /** After an update: the previewed rows hold the changes, are as previewed, or are otherwise. */
    static CommitOutcome.Unknown afterUpdate(
            UpdatePlan update, Entity entity, PreviewSnapshot preview, MemoryScope scope) {
        List<RowKey> keys = preview.keys();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : scope.reachable(entity)) {
            if (keys.contains(MemoryRows.key(entity, row))) {
                rows.add(row);
            }
        }
        rows.sort(MemoryRows.order(entity, List.of()));
        CommitOutcome.Finding finding;
        if (rows.size() == keys.size() && rows.stream().allMatch(row -> holds(row, update.changes()))) {
            finding = CommitOutcome.Finding.APPLIED;
        } else if (rows.stream()
                        .map(row -> MemoryRows.key(entity, row))
                        .toList()
                        .equals(keys)
                && MemoryRows.hash(MemoryRows.project(rows, MemoryRows.snapshotColumns(entity)))
                        .equals(preview.valuesHash())) {
            finding = CommitOutcome.Finding.NOT_APPLIED;
        } else {
            finding = CommitOutcome.Finding.CHANGED_OTHERWISE;
        }
        return new CommitOutcome.Unknown(finding, keys.size(), keys);
    }

    /**
     * After a create of {@code row}: found by its primary key, else a unique key, that the row itself sets; not
     * checked when the database would make the key.
     */
    static CommitOutcome.Unknown afterCreate(Entity entity, Map<String, Object> row, MemoryScope scope) {
        List<List<String>> candidates = new ArrayList<>();
        candidates.add(entity.primaryKey());
        candidates.addAll(entity.uniqueKeys());
        Optional<List<String>> known = candidates.stream()
                .filter(key -> !key.isEmpty() && key.stream().allMatch(name -> row.get(name) != null))
                .findFirst();
        if (known.isEmpty()) {
            return new CommitOutcome.Unknown(CommitOutcome.Finding.NOT_CHECKED, 1, List.of());
        }
        for (Map<String, Object> stored : scope.reachable(entity)) {
            if (known.get().stream().allMatch(name -> MemoryRows.same(stored.get(name), row.get(name)))) {
                return holds(stored, row)
                        ? new CommitOutcome.Unknown(
                                CommitOutcome.Finding.APPLIED, 1, List.of(MemoryRows.key(entity, stored)))
                        : new CommitOutcome.Unknown(CommitOutcome.Finding.CHANGED_OTHERWISE, 1, List.of());
            }
        }
        return new CommitOutcome.Unknown(CommitOutcome.Finding.NOT_APPLIED, 1, List.of());
    }

    private static boolean holds(Map<String, Object> row, Map<String, Object> values) {
        return values.entrySet().stream().allMatch(value -> MemoryRows.same(row.get(value.getKey()), value.getValue()));
    }
}
