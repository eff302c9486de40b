package dev.tabletalk.core.rows;

import dev.tabletalk.core.plan.Intent;
import java.util.List;
import java.util.Objects;

/**
 * What a write would do, for a person to confirm: the row to insert, or every affected row
 * before and after.
 *
 * @param intent create or update
 * @param entity the entity's catalog reference
 * @param changes the rows, in primary-key order for an update
 * @param changedColumns the columns the write sets
 */
public record Preview(Intent intent, String entity, List<RowChange> changes, List<String> changedColumns) {

    public Preview {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        changes = List.copyOf(changes);
        changedColumns = List.copyOf(changedColumns);
        if (!intent.isWrite()) {
            throw new IllegalArgumentException("only writes are previewed, not " + intent);
        }
    }

    public int rowCount() {
        return changes.size();
    }
}
