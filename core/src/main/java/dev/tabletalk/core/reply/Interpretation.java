package dev.tabletalk.core.reply;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.text.Identifiers;
import dev.tabletalk.core.text.Plurals;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a read was understood to ask, in one line: "customers where country is Germany or country is
 * France, sorted by last name; 9 rows", "number of customers, per country, sorted by count descending; 5 rows". Built from the validated plan only, so the read reply and the
 * {@code plan} command state the same thing, sorting included. Stateless and thread-safe.
 */
public final class Interpretation {

    private Interpretation() {}

    /** The plan as understood, without a row count (the {@code plan} command: nothing has run). */
    public static String of(ReadPlan plan) {
        return describe(plan, Optional.empty());
    }

    /** The plan as understood and how many rows it gave ("; 9 rows", "; no rows", "; first 100 rows, more exist"). */
    public static String of(ReadPlan plan, RowSet rows) {
        return describe(plan, Optional.of(Objects.requireNonNull(rows, "rows")));
    }

    /**
     * {@link #of(ReadPlan, RowSet)} for an entity that soft-deletes rows ({@code softDeleting}): then it also says
     * which rows counted, "not counting deleted", "including deleted" or "deleted only".
     */
    public static String of(ReadPlan plan, RowSet rows, boolean softDeleting) {
        String text = of(plan, rows);
        return softDeleting ? withDeleted(text, plan.deleted(), text.lastIndexOf("; ")) : text;
    }

    /** {@link #of(ReadPlan)} for an entity that soft-deletes rows when {@code softDeleting}. */
    public static String of(ReadPlan plan, boolean softDeleting) {
        String text = of(plan);
        return softDeleting ? withDeleted(text, plan.deleted(), -1) : text;
    }

    private static String withDeleted(String text, DeletedRows deleted, int countAt) {
        String said = switch (deleted) {
            case EXCLUDED -> ", not counting deleted";
            case INCLUDED -> ", including deleted";
            case ONLY -> ", deleted only";
        };
        int at = countAt < 0 ? text.length() : countAt;
        return text.substring(0, at) + said + text.substring(at);
    }

    private static String describe(ReadPlan plan, Optional<RowSet> rows) {
        StringBuilder text = new StringBuilder(
                plan.aggregate().map(a -> aggregate(a, plan.entity())).orElse(entityName(plan.entity())));
        if (!plan.filters().isEmpty()) {
            text.append(" where ").append(conditions(plan.filters()));
        }
        plan.aggregate()
                .filter(a -> !a.groupBy().isEmpty())
                .ifPresent(a -> text.append(", per ").append(String.join(" and ", labels(a.groupBy()))));
        if (!plan.orderBy().isEmpty()) {
            text.append(", sorted by ")
                    .append(plan.orderBy().stream().map(Interpretation::sort).collect(Collectors.joining(", then ")));
        }
        if (!plan.fields().isEmpty()) {
            text.append(", showing ").append(String.join(", ", labels(plan.fields())));
        }
        if (plan.limit().isPresent()) {
            int limit = plan.limit().getAsInt();
            text.append(", at most ").append(limit).append(limit == 1 ? " row" : " rows");
        }
        if (plan.offset() > 0) {
            text.append(", from row ").append(plan.offset() + 1);
        }
        rows.ifPresent(set -> text.append("; ").append(count(set)));
        return text.toString();
    }

    /** The conditions of a plan, ANDed: "country is Germany and (total is above 10 or not (city is Paris))". */
    public static String conditions(List<Condition> conditions) {
        boolean alone = conditions.size() == 1;
        return conditions.stream().map(c -> condition(c, alone)).collect(Collectors.joining(" and "));
    }

    private static String condition(Condition condition, boolean alone) {
        if (condition instanceof AnyOf anyOf) {
            String or = anyOf.items().stream().map(c -> condition(c, false)).collect(Collectors.joining(" or "));
            return alone || anyOf.items().size() < 2 ? or : "(" + or + ")";
        }
        if (condition instanceof Not not) {
            return "not (" + condition(not.item(), true) + ")";
        }
        if (condition instanceof Related related) {
            // "album is one whose title is Let There Be Rock"
            String whose = related.filters().size() == 1
                    ? condition(related.filters().get(0), true)
                    : conditions(related.filters());
            return linkName(related) + " is one whose " + whose;
        }
        return leaf((Filter) condition);
    }

    private static String leaf(Filter filter) {
        String field = Identifiers.label(filter.field());
        Object value = filter.value();
        if (isDated(value)) {
            // #13: a date range reads as one, with its bounds as given ("order date from 2024-03-01 to 2024-03-31")
            switch (filter.op()) {
                case LT:
                    return field + " before " + value(value);
                case LE:
                    return field + " on or before " + value(value);
                case GT:
                    return field + " after " + value(value);
                case GE:
                    return field + " from " + value(value);
                case BETWEEN:
                    List<?> range = (List<?>) value;
                    return field + " from " + value(range.get(0)) + " to " + value(range.get(1));
                default:
                    break;
            }
        }
        return switch (filter.op()) {
            case EQ -> field + " is " + value(value);
            case NE -> field + " is not " + value(value);
            case LT -> field + " is below " + value(value);
            case LE -> field + " is at most " + value(value);
            case GT -> field + " is above " + value(value);
            case GE -> field + " is at least " + value(value);
            case CONTAINS -> field + " contains " + quoted(value);
            case STARTS_WITH -> field + " starts with " + quoted(value);
            case ENDS_WITH -> field + " ends with " + quoted(value);
            case IN -> field + " is " + list(value, "or");
            case NOT_IN -> field + " is none of " + list(value, "or");
            case BETWEEN -> field + " is between " + list(value, "and");
            case IS_NULL -> field + " is empty";
            case IS_NOT_NULL -> field + " is not empty";
        };
    }

    /** The name of a link: its key without {@code _id} ("album_id" -> "album"), else the entity's singular. */
    private static String linkName(Related related) {
        String field = related.field();
        String lower = field.toLowerCase(Locale.ROOT);
        for (String suffix : List.of("_id", "id")) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length() + 1) {
                return Identifiers.label(field.substring(0, field.length() - suffix.length()));
            }
        }
        return Plurals.singular(entityName(related.entity()));
    }

    private static String aggregate(Aggregate aggregate, String entity) {
        String of = aggregate.field().map(Identifiers::label).orElse("");
        return switch (aggregate.fn()) {
            case COUNT -> "number of " + entityName(entity) + (of.isEmpty() ? "" : " with " + of);
            case SUM -> "total " + of + " of " + entityName(entity);
            case AVG -> "average " + of + " of " + entityName(entity);
            case MIN -> "lowest " + of + " of " + entityName(entity);
            case MAX -> "highest " + of + " of " + entityName(entity);
        };
    }

    private static String sort(Sort sort) {
        return Identifiers.label(sort.field()) + (sort.descending() ? " descending" : "");
    }

    private static String count(RowSet rows) {
        if (rows.isEmpty()) {
            return "no rows";
        }
        String count = rows.size() + (rows.size() == 1 ? " row" : " rows");
        return rows.hasMore() ? "first " + count + ", more exist" : count;
    }

    private static String entityName(String reference) {
        return Identifiers.label(reference.substring(reference.lastIndexOf('.') + 1));
    }

    private static List<String> labels(List<String> fields) {
        return fields.stream().map(Identifiers::label).toList();
    }

    private static String list(Object value, String last) {
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            return value(value);
        }
        List<String> shown = items.stream().map(Interpretation::value).toList();
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " " + last + " " + shown.get(shown.size() - 1);
    }

    /** Whether a filter's value is a date or a date-time (a list of two of them for {@code between}). */
    private static boolean isDated(Object value) {
        if (value instanceof List<?> items) {
            return items.size() == 2 && items.stream().allMatch(Interpretation::isDated);
        }
        return value instanceof Temporal;
    }

    private static String value(Object value) {
        return value == null ? "empty" : String.valueOf(value);
    }

    private static String quoted(Object value) {
        return "'" + value + "'";
    }
}
