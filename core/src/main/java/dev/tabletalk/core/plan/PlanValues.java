package dev.tabletalk.core.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies of field-to-value maps that keep insertion order and allow {@code null} values (SQL NULL). */
public final class PlanValues {

    private PlanValues() {}

    /** An unmodifiable, order-keeping copy; keys must not be null, values may be. */
    public static Map<String, Object> copyOf(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "field name"), value));
        return Collections.unmodifiableMap(copy);
    }

    /** A copy of {@code values} with {@code field} set to {@code value}, keeping its position if present. */
    public static Map<String, Object> with(Map<String, ?> values, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return Collections.unmodifiableMap(copy);
    }
}
