package dev.tabletalk.core.rows;

import dev.tabletalk.core.plan.Plan;
import java.util.List;
import java.util.Objects;

/**
 * Exactly what was previewed, so that a confirm applies that and nothing else: the validated
 * plan, the primary keys of the affected rows and a hash of their values at preview time.
 *
 * @param plan the validated plan (a create or an update)
 * @param keys the affected rows' primary keys; empty for a create
 * @param valuesHash a hash of the affected rows' current values (update) or of the row to insert (create)
 */
public record PreviewSnapshot(Plan plan, List<RowKey> keys, String valuesHash) {

    public PreviewSnapshot {
        Objects.requireNonNull(plan, "plan");
        keys = List.copyOf(keys);
        Objects.requireNonNull(valuesHash, "valuesHash");
        if (!plan.intent().isWrite()) {
            throw new IllegalArgumentException("only writes have a preview snapshot");
        }
    }
}
