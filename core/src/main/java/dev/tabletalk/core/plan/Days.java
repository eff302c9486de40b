package dev.tabletalk.core.plan;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dates without a time on timestamp columns mean whole days (#13): "orders on 2024-03-05" must find the
 * order placed at 23:59:59 that day, and "between 2024-03-01 and 2024-03-31" the orders of March 31. A
 * validated filter on a timestamp column may therefore hold a {@link LocalDate} (a day) where it would
 * otherwise hold a date-time; this class says what such a filter means as half-open ranges of instants, once,
 * for every executor: {@code = d} is {@code >= d 00:00 and < d+1 00:00}; {@code < d} is {@code < d 00:00};
 * {@code <= d} is {@code < d+1 00:00}; {@code > d} is {@code >= d+1 00:00}; {@code >= d} is
 * {@code >= d 00:00}; {@code between d1 and d2} is {@code >= d1 00:00 and < d2+1 00:00}; {@code !=},
 * {@code in} and {@code not_in} likewise by days. A date-time value in the same filter keeps its own meaning.
 *
 * <p>The plan keeps the day ("order_date = 2024-03-05"), so the interpretation and {@code plan --json} show
 * what the person asked; only the executors lower it ({@link #bounds}) when they build their query. Days are
 * days of {@link #ZONE} (UTC), which is also the zone in which planners read "today": a timestamp column
 * without a time zone is compared as stored, one with a time zone from midnight UTC.
 */
public final class Days {

    /** The zone of the plan language's days: "today", "this month" and the bounds of a day on a timestamp column. */
    public static final ZoneId ZONE = ZoneOffset.UTC;

    private Days() {}

    /** A comparison tree an executor renders: an AND, an OR, or one comparison of the column with an instant. */
    public sealed interface Bound permits All, Any, Compare {}

    /** Every item holds. */
    public record All(List<Bound> items) implements Bound {
        public All {
            items = List.copyOf(items);
        }
    }

    /** At least one item holds. */
    public record Any(List<Bound> items) implements Bound {
        public Any {
            items = List.copyOf(items);
        }
    }

    /**
     * The column compared with one value ({@link Op#LT}, {@link Op#LE}, {@link Op#GT}, {@link Op#GE},
     * {@link Op#EQ} or {@link Op#NE}); the value is a {@link LocalDateTime} or an {@link OffsetDateTime} like the
     * column. An empty column matches no comparison.
     */
    public record Compare(Op op, Object value) implements Bound {
        public Compare {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Whether {@code filter} holds a day (a {@link LocalDate}) that needs lowering on a timestamp column. */
    public static boolean hasDays(Filter filter) {
        if (filter.value() instanceof LocalDate) {
            return true;
        }
        return filter.value() instanceof List<?> items && items.stream().anyMatch(LocalDate.class::isInstance);
    }

    /**
     * The meaning of a validated filter holding days, as comparisons with instants of a timestamp column:
     * {@link LocalDateTime} bounds when {@code withTimeZone} is false, {@link OffsetDateTime} at
     * {@link #ZONE}'s midnight otherwise.
     *
     * @throws IllegalArgumentException for an operator that cannot hold a day (a text match or a null check)
     */
    public static Bound bounds(Filter filter, boolean withTimeZone) {
        Object value = filter.value();
        return switch (filter.op()) {
            case EQ -> day(value, withTimeZone, true);
            case NE -> day(value, withTimeZone, false);
            case LT -> value instanceof LocalDate d ? compare(Op.LT, start(d, withTimeZone)) : compare(Op.LT, value);
            case LE ->
                value instanceof LocalDate d
                        ? compare(Op.LT, start(d.plusDays(1), withTimeZone))
                        : compare(Op.LE, value);
            case GT ->
                value instanceof LocalDate d
                        ? compare(Op.GE, start(d.plusDays(1), withTimeZone))
                        : compare(Op.GT, value);
            case GE -> value instanceof LocalDate d ? compare(Op.GE, start(d, withTimeZone)) : compare(Op.GE, value);
            case IN -> {
                List<Bound> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(day(item, withTimeZone, true));
                }
                yield new Any(items);
            }
            case NOT_IN -> {
                List<Bound> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(day(item, withTimeZone, false));
                }
                yield new All(items);
            }
            case BETWEEN -> {
                Object from = ((List<?>) value).get(0);
                Object to = ((List<?>) value).get(1);
                yield new All(List.of(
                        from instanceof LocalDate d ? compare(Op.GE, start(d, withTimeZone)) : compare(Op.GE, from),
                        to instanceof LocalDate d
                                ? compare(Op.LT, start(d.plusDays(1), withTimeZone))
                                : compare(Op.LE, to)));
            }
            default -> throw new IllegalArgumentException(filter.op().symbol() + " cannot hold a day");
        };
    }

    /** The first instant of {@code day}: a local midnight, or midnight in {@link #ZONE}. */
    public static Object start(LocalDate day, boolean withTimeZone) {
        return withTimeZone ? day.atStartOfDay(ZONE).toOffsetDateTime() : day.atStartOfDay();
    }

    /** Within the day ({@code inside}) or outside it; a date-time item is compared as it is. */
    private static Bound day(Object value, boolean withTimeZone, boolean inside) {
        if (!(value instanceof LocalDate d)) {
            return compare(inside ? Op.EQ : Op.NE, value);
        }
        Object from = start(d, withTimeZone);
        Object until = start(d.plusDays(1), withTimeZone);
        return inside
                ? new All(List.of(new Compare(Op.GE, from), new Compare(Op.LT, until)))
                : new Any(List.of(new Compare(Op.LT, from), new Compare(Op.GE, until)));
    }

    private static Bound compare(Op op, Object value) {
        return new Compare(op, value);
    }
}
