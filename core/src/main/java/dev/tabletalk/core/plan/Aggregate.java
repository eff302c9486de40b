package dev.tabletalk.core.plan;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One aggregate over the rows a read matches, per group: {@code count}, {@code sum}, {@code avg},
 * {@code min} or {@code max} of a field (a {@code count} without a field counts rows, with one counts
 * the rows where it is not empty), grouped by zero, one or two columns. Wire form:
 * {@code {"fn": "count", "field": null, "groupBy": ["country"]}}.
 *
 * <p>Each result row holds the group columns plus the aggregate under its {@link #outputKey output key}.
 *
 * @param fn the function
 * @param field the column it applies to; empty only for a {@code count} of rows
 * @param groupBy the columns to group by, at most {@value #MAX_GROUP_BY}
 */
public record Aggregate(Fn fn, Optional<String> field, List<String> groupBy) {

    /** The most columns an aggregate groups by. */
    public static final int MAX_GROUP_BY = 2;

    /** The aggregate functions. */
    public enum Fn {
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX;

        /** The lower-case name used in JSON: {@code count}, {@code sum}, ... */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The function with exactly this wire name. */
        public static Optional<Fn> fromWireName(String name) {
            for (Fn fn : values()) {
                if (fn.wireName().equals(name)) {
                    return Optional.of(fn);
                }
            }
            return Optional.empty();
        }
    }

    public Aggregate {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(field, "field");
        groupBy = List.copyOf(groupBy);
    }

    /** {@code count} of rows, grouped by {@code groupBy}. */
    public static Aggregate count(String... groupBy) {
        return new Aggregate(Fn.COUNT, Optional.empty(), List.of(groupBy));
    }

    /** {@code fn} of {@code field}, grouped by {@code groupBy}. */
    public static Aggregate of(Fn fn, String field, String... groupBy) {
        return new Aggregate(fn, Optional.of(field), List.of(groupBy));
    }

    /**
     * The key of the aggregate in each result row: {@code count} for a count, {@code <fn>_<field>}
     * otherwise ({@code sum_total}), with {@code _2} added when that is already the name of one of
     * {@code columnNames} (the entity's visible columns).
     */
    public String outputKey(Collection<String> columnNames) {
        String key = fn == Fn.COUNT ? "count" : fn.wireName() + "_" + field.orElse("");
        boolean taken = columnNames.stream().anyMatch(name -> name.equalsIgnoreCase(key));
        return taken ? key + "_2" : key;
    }
}
