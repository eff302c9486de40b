package dev.tabletalk.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Read rows of one entity.
 *
 * @param entity the entity's catalog reference
 * @param fields the columns to show ({@code select} on the wire); empty means the form's read fields
 * @param filters conditions, combined with AND
 * @param orderBy the ordering; empty means by primary key
 * @param limit the number of rows asked for; never above the configured cap, whatever it says
 * @param offset the number of matching rows (or groups) to skip first (paging by offset); at most 50 pages of the
 *     row cap
 * @param aggregate an aggregate to compute instead of listing rows: then the rows are its groups, {@code fields}
 *     is empty and {@code orderBy} may name the aggregate's output key
 * @param deleted which rows of an entity with a soft-delete marker count: live ones by default
 * @param after where the previous page ended ("show more"): only rows after this position in the read's order,
 *     sort columns then primary key; empty from the first row (#13). Set by the engine only, never by a planner
 */
public record ReadPlan(
        String entity,
        List<String> fields,
        List<Condition> filters,
        List<Sort> orderBy,
        OptionalInt limit,
        int offset,
        Optional<Aggregate> aggregate,
        DeletedRows deleted,
        Optional<Keyset> after)
        implements Plan {

    public ReadPlan {
        Objects.requireNonNull(entity, "entity");
        fields = List.copyOf(fields);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(after, "after");
    }

    /** A read from the first matching row (no keyset position). */
    public ReadPlan(
            String entity,
            List<String> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            int offset,
            Optional<Aggregate> aggregate,
            DeletedRows deleted) {
        this(entity, fields, filters, orderBy, limit, offset, aggregate, deleted, Optional.empty());
    }

    /** A read of live rows only (soft-deleted rows left out). */
    public ReadPlan(
            String entity,
            List<String> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            int offset,
            Optional<Aggregate> aggregate) {
        this(entity, fields, filters, orderBy, limit, offset, aggregate, DeletedRows.EXCLUDED);
    }

    /** A read of rows (no aggregate). */
    public ReadPlan(
            String entity,
            List<String> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            int offset) {
        this(entity, fields, filters, orderBy, limit, offset, Optional.empty());
    }

    /** A read from the first matching row. */
    public ReadPlan(
            String entity, List<String> fields, List<Condition> filters, List<Sort> orderBy, OptionalInt limit) {
        this(entity, fields, filters, orderBy, limit, 0);
    }

    public static ReadPlan of(String entity, List<? extends Condition> filters) {
        return new ReadPlan(entity, List.of(), List.copyOf(filters), List.of(), OptionalInt.empty());
    }

    @Override
    public Intent intent() {
        return Intent.READ;
    }

    public ReadPlan withFilters(List<? extends Condition> newFilters) {
        return new ReadPlan(entity, fields, List.copyOf(newFilters), orderBy, limit, offset, aggregate, deleted, after);
    }

    public ReadPlan withLimit(int newLimit) {
        return new ReadPlan(
                entity, fields, filters, orderBy, OptionalInt.of(newLimit), offset, aggregate, deleted, after);
    }

    public ReadPlan withOffset(int newOffset) {
        return new ReadPlan(entity, fields, filters, orderBy, limit, newOffset, aggregate, deleted, after);
    }

    public ReadPlan withAggregate(Aggregate newAggregate) {
        return new ReadPlan(entity, fields, filters, orderBy, limit, offset, Optional.of(newAggregate), deleted, after);
    }

    /** This read over {@code rows}: live rows (the default), live and deleted, or deleted only. */
    public ReadPlan withDeleted(DeletedRows rows) {
        return new ReadPlan(entity, fields, filters, orderBy, limit, offset, aggregate, rows, after);
    }

    /** This read continuing after {@code position} (the keyset of the last row shown), or from the start. */
    public ReadPlan withAfter(Optional<Keyset> position) {
        return new ReadPlan(entity, fields, filters, orderBy, limit, offset, aggregate, deleted, position);
    }
}
