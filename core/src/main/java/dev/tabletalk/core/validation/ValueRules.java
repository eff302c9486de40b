package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a plan writes: each names a writable field ({@link FieldResolver#writable}), is
 * empty only where the column allows it, and coerces to the column's type ({@link ValueCoercion}).
 *
 * <p>Immutable and thread-safe.
 */
final class ValueRules {

    private final FieldResolver fields;

    ValueRules(FieldResolver fields) {
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** The values that pass, coerced and keyed by canonical column name; what fails goes to {@code problems}. */
    Map<String, Object> values(
            Map<String, Object> values, Entity entity, FieldResolver.Write use, List<Problem> problems) {
        Map<String, Object> coerced = new LinkedHashMap<>();
        values.forEach((field, raw) -> {
            Optional<Column> resolved = fields.writable(entity, field, use, problems);
            if (resolved.isEmpty()) {
                return;
            }
            Column column = resolved.get();
            if (raw == null && !column.nullable()) {
                problems.add(Problem.of(
                        RefusalCode.NOT_NULL_VIOLATION,
                        column.name(),
                        column.name() + " needs a value; it cannot be empty."));
                return;
            }
            Coerced result = ValueCoercion.fromPlan(column, raw);
            if (result instanceof Coerced.Rejected rejected) {
                problems.add(rejected.problem());
            } else {
                coerced.put(column.name(), ((Coerced.Value) result).value());
            }
        });
        return coerced;
    }

    /**
     * One value a filter compares with, coerced to the column's type (a date alone on a timestamp column stays a
     * day, see {@link ValueCoercion#forFilter}); empty (and a problem added) when it does not fit.
     */
    static Optional<Object> coerce(Column column, Object raw, List<Problem> problems) {
        Coerced result = ValueCoercion.forFilter(column, raw);
        if (result instanceof Coerced.Rejected rejected) {
            problems.add(rejected.problem());
            return Optional.empty();
        }
        return Optional.ofNullable(((Coerced.Value) result).value());
    }
}
