package dev.tabletalk.core.plan;

import dev.tabletalk.core.validation.ValueCoercion;
import java.util.Objects;

/**
 * One leaf condition of a plan: {@code field op value}. The conditions of a plan are combined with AND;
 * {@link AnyOf} and {@link Not} combine filters into a tree.
 *
 * <p>{@code value} is {@code null} exactly for {@link Op#IS_NULL} and {@link Op#IS_NOT_NULL}
 * (and, before validation, wherever a planner put a null, which the validator refuses); a
 * {@code List} for {@link Op#IN}, {@link Op#NOT_IN} and {@link Op#BETWEEN}; otherwise a scalar. Before validation a
 * scalar is whatever the planner produced (String, Long, BigDecimal, Boolean, ...); after
 * validation it has the Java type of the column (see {@link ValueCoercion}).
 */
public record Filter(String field, Op op, Object value) implements Condition {

    public Filter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
    }

    public static Filter of(String field, Op op, Object value) {
        return new Filter(field, op, value);
    }

    public static Filter eq(String field, Object value) {
        return new Filter(field, Op.EQ, value);
    }

    @Override
    public String toString() {
        return field + " " + op.symbol() + (op.isNullCheck() ? "" : " " + value);
    }
}
