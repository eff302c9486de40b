package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.rows.RowKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow-up check after a commit whose answer was lost (PUB-102): one read on a fresh connection,
 * bounded by the pool's connection timeout and the statement timeout, that finds which state the rows
 * are in. Reads only the previewed rows, in the caller's tenant scope.
 */
final class CommitCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CommitCheck.class);

    private final TargetDatabase database;

    CommitCheck(TargetDatabase database) {
        this.database = database;
    }

    /**
     * After an update: applied (every previewed row holds the new values), not applied (the rows are exactly
     * as in the preview snapshot), changed otherwise, or not checked (no answer).
     *
     * @param scope the tenant condition of the entity
     * @param snapshotColumns the columns the preview's hash covers, in its order
     * @param snapshotHash the preview's hash of the rows before the change
     */
    CommitOutcome.Unknown afterUpdate(
            Entity entity,
            List<RowKey> keys,
            Map<String, Object> changes,
            Condition scope,
            List<Column> snapshotColumns,
            String snapshotHash) {
        Condition rows = Sql.keyIn(entity, keys).and(scope);
        Optional<CommitOutcome.Finding> finding = database.checkOnce((db, attempt) -> {
            if (db.fetchCount(Sql.table(entity), rows.and(holds(entity, changes))) == keys.size()) {
                return CommitOutcome.Finding.APPLIED;
            }
            Result<Record> current = db.select(fields(snapshotColumns))
                    .from(Sql.table(entity))
                    .where(rows)
                    .orderBy(order(entity))
                    .fetch();
            List<RowKey> currentKeys = new ArrayList<>();
            List<Map<String, Object>> values = new ArrayList<>();
            for (Record record : current) {
                currentKeys.add(RowValues.key(record, entity, snapshotColumns));
                values.add(RowValues.raw(record, snapshotColumns));
            }
            return currentKeys.equals(keys) && RowValues.hash(values).equals(snapshotHash)
                    ? CommitOutcome.Finding.NOT_APPLIED
                    : CommitOutcome.Finding.CHANGED_OTHERWISE;
        });
        return new CommitOutcome.Unknown(finding.orElse(CommitOutcome.Finding.NOT_CHECKED), keys.size(), keys);
    }

    /**
     * After a create: found by a key of the row that the row itself sets (primary or unique) — applied when
     * that row holds every value written, changed otherwise when it differs, not applied when there is no such
     * row; not checked when no key of the row is known before the insert (a generated key) or on no answer.
     *
     * @param row the values inserted (the forced tenant included)
     */
    CommitOutcome.Unknown afterCreate(Entity entity, Map<String, Object> row, Condition scope) {
        Optional<List<String>> key = knownKey(entity, row);
        if (key.isEmpty()) {
            return new CommitOutcome.Unknown(CommitOutcome.Finding.NOT_CHECKED, 1, List.of());
        }
        Map<String, Object> keyValues = new LinkedHashMap<>();
        key.get().forEach(name -> keyValues.put(name, row.get(name)));
        Condition byKey = holds(entity, keyValues).and(scope);
        Optional<CommitOutcome.Finding> finding = database.checkOnce((db, attempt) -> {
            if (!db.fetchExists(Sql.table(entity), byKey)) {
                return CommitOutcome.Finding.NOT_APPLIED;
            }
            return db.fetchExists(Sql.table(entity), byKey.and(holds(entity, row)))
                    ? CommitOutcome.Finding.APPLIED
                    : CommitOutcome.Finding.CHANGED_OTHERWISE;
        });
        List<RowKey> keys = finding.filter(f -> f == CommitOutcome.Finding.APPLIED)
                .filter(f -> key.get().equals(entity.primaryKey()))
                .map(f -> List.of(RowKey.of(keyValues)))
                .orElse(List.of());
        LOG.debug("follow-up check after a create: {}", finding);
        return new CommitOutcome.Unknown(finding.orElse(CommitOutcome.Finding.NOT_CHECKED), 1, keys);
    }

    /** The primary key, else the first unique key, whose values the row sets. */
    private static Optional<List<String>> knownKey(Entity entity, Map<String, Object> row) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(entity.primaryKey());
        keys.addAll(entity.uniqueKeys());
        return keys.stream()
                .filter(k -> !k.isEmpty() && k.stream().allMatch(name -> row.get(name) != null))
                .findFirst();
    }

    /** Every column holds its value (IS NULL for null), compared by the database as the write bound it. */
    private static Condition holds(Entity entity, Map<String, Object> values) {
        List<Condition> conditions = new ArrayList<>();
        values.forEach((name, value) -> {
            Field<Object> field = Sql.field(entity.column(name).orElseThrow());
            conditions.add(value == null ? field.isNull() : field.eq(DSL.val(value, field)));
        });
        return DSL.and(conditions);
    }

    private static List<Field<?>> fields(List<Column> columns) {
        List<Field<?>> fields = new ArrayList<>();
        columns.forEach(column -> fields.add(Sql.field(column)));
        return fields;
    }

    private static List<OrderField<?>> order(Entity entity) {
        List<OrderField<?>> order = new ArrayList<>();
        Sql.primaryKey(entity).forEach(column -> order.add(Sql.field(column).asc()));
        return order;
    }
}
