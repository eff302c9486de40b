package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.policy.ClaimValue;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A role's row rules ({@link dev.tabletalk.core.policy.RoleGrant#withRowRules}) made ready for one caller: each
 * {@link ClaimValue} replaced by the caller's claim and every value coerced to its column's type, exactly as a
 * plan's filter would be, so an executor renders them like any validated condition. And the check of a row a
 * create or update would leave behind ({@link #holds}), for the preview; the executor checks the written row again
 * in the database at confirm.
 *
 * <p>Rules name columns of the entity whether or not the role may see them (a rule on an ungranted column binds all
 * the same); they never widen anything and are never shown. Stateless and thread-safe.
 */
public final class RowRules {

    private RowRules() {}

    /** The outcome of {@link #resolve}: the rules ready to render, or why the caller cannot be served. */
    public sealed interface Resolution {

        /** The rules with claims resolved and values coerced; empty when the entity's rows are not restricted. */
        record Ready(List<Condition> rules) implements Resolution {
            public Ready {
                rules = List.copyOf(rules);
            }
        }

        /** A claim is missing, or the rules do not fit the entity: never "no rule", always a refusal. */
        record Refused(Refusal refusal) implements Resolution {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }
        }
    }

    /**
     * {@code rules} on {@code entity} (named {@code reference}) for {@code user}: a claim the user lacks refuses the
     * request (a missing claim never matches everything), as does a rule that names no column of the entity or a
     * value that does not fit its column (a configuration mistake, said without the rule's values).
     */
    public static Resolution resolve(List<Condition> rules, Entity entity, String reference, UserContext user) {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(user, "user");
        if (rules.isEmpty()) {
            return new Resolution.Ready(List.of());
        }
        OperatorRules operators = new OperatorRules(Limits.defaults().maxInItems());
        List<Condition> ready = new ArrayList<>();
        for (Condition rule : rules) {
            Optional<Condition> resolved;
            try {
                resolved = resolve(rule, entity, user, operators);
            } catch (MissingClaim missing) {
                return new Resolution.Refused(Refusal.of(RefusalCode.CLAIM_MISSING, Wording.claimMissing(reference)));
            }
            if (resolved.isEmpty()) {
                return new Resolution.Refused(Refusal.of(
                        RefusalCode.ROLE_FORBIDS,
                        "Your role's row rules for " + reference
                                + " do not fit the database, so nothing was read or changed. Ask an administrator"
                                + " to check the configuration."));
            }
            ready.add(resolved.get());
        }
        return new Resolution.Ready(ready);
    }

    private static Optional<Condition> resolve(
            Condition rule, Entity entity, UserContext user, OperatorRules operators) {
        if (rule instanceof AnyOf anyOf) {
            List<Condition> items = new ArrayList<>();
            for (Condition item : anyOf.items()) {
                Optional<Condition> one = resolve(item, entity, user, operators);
                if (one.isEmpty()) {
                    return Optional.empty();
                }
                items.add(one.get());
            }
            return items.isEmpty() ? Optional.empty() : Optional.of(new AnyOf(items));
        }
        if (rule instanceof Not not) {
            return resolve(not.item(), entity, user, operators).map(Not::new);
        }
        if (!(rule instanceof Filter filter)) {
            return Optional.empty();
        }
        Optional<Column> column = columnOf(entity, filter.field());
        if (column.isEmpty()) {
            return Optional.empty();
        }
        Object value = claims(filter.value(), column.get(), user);
        List<Problem> problems = new ArrayList<>();
        return operators
                .filter(column.get(), filter.op(), value, problems)
                .filter(f -> problems.isEmpty())
                .map(f -> f);
    }

    /** The value with each claim replaced by the caller's, typed for the column as if a person had typed it. */
    private static Object claims(Object value, Column column, UserContext user) {
        if (value instanceof ClaimValue claim) {
            String text = claim.resolve(user).orElseThrow(MissingClaim::new);
            Coerced coerced = ValueCoercion.fromText(column, text);
            // a claim that does not fit the column matches no row: keep the text, which the operator check refuses
            return coerced instanceof Coerced.Value typed && typed.value() != null ? typed.value() : text;
        }
        if (value instanceof List<?> items) {
            List<Object> resolved = new ArrayList<>(items.size());
            for (Object item : items) {
                resolved.add(claims(item, column, user));
            }
            return resolved;
        }
        return value;
    }

    /** Any column of the entity, hidden ones included (a rule binds whatever the role sees), exact name first. */
    private static Optional<Column> columnOf(Entity entity, String field) {
        Optional<Column> exact = entity.column(field);
        if (exact.isPresent()) {
            return exact;
        }
        List<Column> folded = entity.columns().stream()
                .filter(c -> c.name().equalsIgnoreCase(field))
                .toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /**
     * Whether {@code row} (column name to value, as a create or an update would leave it) meets every resolved rule:
     * {@code true}, {@code false}, or empty when it cannot be told before the write (a rule names a column the row
     * does not hold, such as one the database will default); the confirm checks the written row in the database.
     * Text compares ignoring case, as the executors compare it; a NULL meets no comparison, as in SQL.
     */
    public static Optional<Boolean> holds(List<Condition> rules, Map<String, ?> row) {
        return Optional.ofNullable(all(rules, row));
    }

    private static Boolean all(List<Condition> rules, Map<String, ?> row) {
        boolean unknown = false;
        for (Condition rule : rules) {
            Boolean one = evaluate(rule, row);
            if (Boolean.FALSE.equals(one)) {
                return false;
            }
            unknown |= one == null;
        }
        return unknown ? null : true;
    }

    private static Boolean evaluate(Condition condition, Map<String, ?> row) {
        if (condition instanceof AnyOf anyOf) {
            boolean unknown = false;
            for (Condition item : anyOf.items()) {
                Boolean one = evaluate(item, row);
                if (Boolean.TRUE.equals(one)) {
                    return true;
                }
                unknown |= one == null;
            }
            return unknown ? null : false;
        }
        if (condition instanceof Not not) {
            Boolean inner = evaluate(not.item(), row);
            return inner == null ? null : !inner;
        }
        if (!(condition instanceof Filter filter)) {
            return null;
        }
        if (!row.containsKey(filter.field())) {
            return null;
        }
        return leaf(filter, row.get(filter.field()));
    }

    private static Boolean leaf(Filter filter, Object actual) {
        switch (filter.op()) {
            case IS_NULL:
                return actual == null;
            case IS_NOT_NULL:
                return actual != null;
            default:
                break;
        }
        if (actual == null) {
            return false;
        }
        Object expected = filter.value();
        return switch (filter.op()) {
            case EQ -> compare(actual, expected).map(c -> c == 0).orElse(null);
            case NE -> compare(actual, expected).map(c -> c != 0).orElse(null);
            case LT -> compare(actual, expected).map(c -> c < 0).orElse(null);
            case LE -> compare(actual, expected).map(c -> c <= 0).orElse(null);
            case GT -> compare(actual, expected).map(c -> c > 0).orElse(null);
            case GE -> compare(actual, expected).map(c -> c >= 0).orElse(null);
            case IN -> in(actual, (List<?>) expected);
            case NOT_IN -> {
                Boolean in = in(actual, (List<?>) expected);
                yield in == null ? null : !in;
            }
            case BETWEEN -> {
                List<?> bounds = (List<?>) expected;
                Optional<Integer> low = compare(actual, bounds.get(0));
                Optional<Integer> high = compare(actual, bounds.get(1));
                yield low.isEmpty() || high.isEmpty() ? null : low.get() >= 0 && high.get() <= 0;
            }
            case CONTAINS -> fold(actual).contains(fold(expected));
            case STARTS_WITH -> fold(actual).startsWith(fold(expected));
            case ENDS_WITH -> fold(actual).endsWith(fold(expected));
            case IS_NULL, IS_NOT_NULL -> throw new IllegalStateException("handled above");
        };
    }

    private static Boolean in(Object actual, List<?> items) {
        boolean unknown = false;
        for (Object item : items) {
            Optional<Integer> c = compare(actual, item);
            if (c.isPresent() && c.get() == 0) {
                return true;
            }
            unknown |= c.isEmpty();
        }
        return unknown ? null : false;
    }

    /** The order of two values of one kind: numbers by value, text ignoring case, else their own order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<Integer> compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            return Optional.of(new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())));
        }
        if (actual instanceof String a && expected instanceof String e) {
            return Optional.of(Integer.signum(fold(a).compareTo(fold(e))));
        }
        if (actual.getClass().equals(expected.getClass()) && actual instanceof Comparable comparable) {
            return Optional.of(Integer.signum(comparable.compareTo(expected)));
        }
        return Optional.empty();
    }

    private static String fold(Object value) {
        return value.toString().toLowerCase(Locale.ROOT);
    }

    /** A claim the caller lacks: unwinds the resolution to its refusal. */
    private static final class MissingClaim extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingClaim() {
            super("missing claim", null, false, false);
        }
    }
}
