package dev.tabletalk.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Read rows of one entity.
 *
 * @param entity the entity's catalog reference
 * @param fields the columns to show; empty means the form's read fields
 * @param filters conditions, combined with AND
 * @param orderBy the ordering; empty means by primary key
 * @param limit the number of rows asked for; never above the configured cap, whatever it says
 */
public record ReadPlan(String entity, List<String> fields, List<Filter> filters, List<Sort> orderBy, OptionalInt limit)
        implements Plan {

    public ReadPlan {
        Objects.requireNonNull(entity, "entity");
        fields = List.copyOf(fields);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
    }

    public static ReadPlan of(String entity, List<Filter> filters) {
        return new ReadPlan(entity, List.of(), filters, List.of(), OptionalInt.empty());
    }

    @Override
    public Intent intent() {
        return Intent.READ;
    }

    public ReadPlan withFilters(List<Filter> newFilters) {
        return new ReadPlan(entity, fields, newFilters, orderBy, limit);
    }

    public ReadPlan withLimit(int newLimit) {
        return new ReadPlan(entity, fields, filters, orderBy, OptionalInt.of(newLimit));
    }
}
