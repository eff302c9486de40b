package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a filter's operator and value against a column, driven by the operator's own table
 * ({@link Op#arity()}, {@link Op#accepts()}): the value has the operator's shape, the column has
 * a type the operator works on, and each value coerces to the column's type (a text match keeps
 * its pattern as text). An IN list stays within {@code maxInItems}.
 *
 * <p>Immutable and thread-safe.
 */
final class OperatorRules {

    private final int maxInItems;

    OperatorRules(int maxInItems) {
        this.maxInItems = maxInItems;
    }

    /** The filter on {@code column} with its value coerced; empty (and a problem added) when it does not fit. */
    Optional<Filter> filter(Column column, Op op, Object value, List<Problem> problems) {
        if (op.arity() == Op.Arity.NONE) {
            if (value != null) {
                problems.add(Problem.of(
                        RefusalCode.TYPE_MISMATCH,
                        column.name(),
                        op.symbol() + " takes no value; drop the value or use '=' instead."));
                return Optional.empty();
            }
            return Optional.of(new Filter(column.name(), op, null));
        }
        if (value == null) {
            problems.add(Problem.of(
                    RefusalCode.NULL_COMPARISON,
                    column.name(),
                    "Comparing " + column.name() + " with nothing matches no row; say 'with no " + column.name()
                            + "' to find empty ones."));
            return Optional.empty();
        }
        if (!accepts(op.accepts(), column)) {
            problems.add(Problem.of(
                    RefusalCode.OP_NOT_ALLOWED,
                    column.name(),
                    "'" + op.symbol() + "' does not work on " + column.name() + " (" + describe(column) + ")."));
            return Optional.empty();
        }
        Optional<Object> operand =
                op.arity() == Op.Arity.ONE ? single(column, op, value, problems) : list(column, op, value, problems);
        return operand.map(v -> new Filter(column.name(), op, v));
    }

    private static boolean accepts(Op.Accepts accepts, Column column) {
        return switch (accepts) {
            case ANY_TYPE -> true;
            case TEXT -> column.type() == ValueType.TEXT && !column.isEnum();
            case ORDERED -> column.type().isOrdered() && !column.isEnum();
        };
    }

    private static Optional<Object> single(Column column, Op op, Object value, List<Problem> problems) {
        if (value instanceof List || value instanceof Map) {
            problems.add(Problem.of(
                    RefusalCode.TYPE_MISMATCH,
                    column.name(),
                    op.symbol() + " needs a single value for " + column.name() + "."));
            return Optional.empty();
        }
        if (op.accepts() == Op.Accepts.TEXT) {
            if (!(value instanceof String)) {
                problems.add(Problem.of(
                        RefusalCode.TYPE_MISMATCH,
                        column.name(),
                        op.symbol() + " needs text for " + column.name() + "."));
                return Optional.empty();
            }
            // a pattern longer than the column can never match; no need to refuse, but keep the value as text
            return Optional.of(value);
        }
        return ValueRules.coerce(column, value, problems);
    }

    private Optional<Object> list(Column column, Op op, Object value, List<Problem> problems) {
        if (!(value instanceof List<?> items)) {
            problems.add(Problem.of(
                    RefusalCode.TYPE_MISMATCH,
                    column.name(),
                    op.symbol() + " needs a list of values for " + column.name() + "."));
            return Optional.empty();
        }
        if (!sizeFits(column, op, items.size(), problems)) {
            return Optional.empty();
        }
        List<Object> coerced = new ArrayList<>();
        for (Object item : items) {
            if (item == null) {
                problems.add(Problem.of(
                        RefusalCode.NULL_COMPARISON,
                        column.name(),
                        "A list of values for " + column.name() + " cannot contain an empty value."));
                return Optional.empty();
            }
            if (item instanceof List || item instanceof Map) {
                problems.add(Problem.of(
                        RefusalCode.TYPE_MISMATCH,
                        column.name(),
                        "Each value for " + column.name() + " must be a single value, not a list or an object."));
                return Optional.empty();
            }
            Optional<Object> one = ValueRules.coerce(column, item, problems);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            coerced.add(one.get());
        }
        return Optional.of(List.copyOf(coerced));
    }

    private boolean sizeFits(Column column, Op op, int size, List<Problem> problems) {
        if (op.arity() == Op.Arity.PAIR && size != 2) {
            problems.add(Problem.of(
                    RefusalCode.TYPE_MISMATCH,
                    column.name(),
                    op.symbol() + " needs exactly two values for " + column.name() + ", e.g. 'between 10 and 20'."));
            return false;
        }
        if (op.arity() == Op.Arity.LIST && size == 0) {
            problems.add(Problem.of(
                    RefusalCode.TYPE_MISMATCH,
                    column.name(),
                    op.symbol() + " needs at least one value for " + column.name() + "."));
            return false;
        }
        if (op.arity() == Op.Arity.LIST && size > maxInItems) {
            problems.add(Problem.of(
                    RefusalCode.IN_LIST_TOO_LONG,
                    column.name(),
                    "That list has " + size + " values; at most " + maxInItems + " are allowed."));
            return false;
        }
        return true;
    }

    private static String describe(Column column) {
        return column.isEnum()
                ? "one of " + String.join(", ", column.enumValues())
                : column.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
