package dev.tabletalk.core.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * The closed set of filter operators. Anything else is unrepresentable, and refused when parsed.
 *
 * <p>Each operator knows its {@link Arity} and the column types it {@link Accepts}: plan
 * validation is driven by this table, so a new operator is one line here.
 */
public enum Op {
    EQ("=", Arity.ONE, Accepts.ANY_TYPE),
    NE("!=", Arity.ONE, Accepts.ANY_TYPE),
    LT("<", Arity.ONE, Accepts.ORDERED),
    LE("<=", Arity.ONE, Accepts.ORDERED),
    GT(">", Arity.ONE, Accepts.ORDERED),
    GE(">=", Arity.ONE, Accepts.ORDERED),
    /** Case-insensitive substring match; {@code %} and {@code _} are literal characters. */
    CONTAINS("contains", Arity.ONE, Accepts.TEXT),
    /** Case-insensitive prefix match; {@code %} and {@code _} are literal characters. */
    STARTS_WITH("starts_with", Arity.ONE, Accepts.TEXT),
    /** Case-insensitive suffix match; {@code %} and {@code _} are literal characters. */
    ENDS_WITH("ends_with", Arity.ONE, Accepts.TEXT),
    /** One of a list of values (the value is a {@code List}). */
    IN("in", Arity.LIST, Accepts.ANY_TYPE),
    /** None of a list of values (the value is a {@code List}); like {@code !=}, an empty field never matches. */
    NOT_IN("not_in", Arity.LIST, Accepts.ANY_TYPE),
    IS_NULL("is_null", Arity.NONE, Accepts.ANY_TYPE),
    IS_NOT_NULL("is_not_null", Arity.NONE, Accepts.ANY_TYPE),
    /** Inclusive range (the value is a two-element {@code List}). */
    BETWEEN("between", Arity.PAIR, Accepts.ORDERED);

    /** How many values an operator takes, and in what shape. */
    public enum Arity {
        /** No value: the filter's value is {@code null}. */
        NONE,
        /** One single value (not a list, not an object). */
        ONE,
        /** A non-empty {@code List} of single values. */
        LIST,
        /** A {@code List} of exactly two single values. */
        PAIR
    }

    /** The column types an operator works on. */
    public enum Accepts {
        /** Every column type. */
        ANY_TYPE,
        /** Free text only: a text column that is not an enumeration; the value stays text. */
        TEXT,
        /** Ordered types only (numbers, dates, times), not enumerations. */
        ORDERED
    }

    private final String symbol;
    private final Arity arity;
    private final Accepts accepts;

    Op(String symbol, Arity arity, Accepts accepts) {
        this.symbol = symbol;
        this.arity = arity;
        this.accepts = accepts;
    }

    /** The operator's name in plans and JSON: {@code =}, {@code contains}, {@code is_null}, ... */
    public String symbol() {
        return symbol;
    }

    /** The operator with exactly this symbol; no aliases, no case folding. */
    public static Optional<Op> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }

    /** How many values the operator takes. */
    public Arity arity() {
        return arity;
    }

    /** The column types the operator works on. */
    public Accepts accepts() {
        return accepts;
    }

    /** Whether the operator takes no value. */
    public boolean isNullCheck() {
        return arity == Arity.NONE;
    }

    /** Whether the operator needs an ordered type. */
    public boolean isOrdering() {
        return accepts == Accepts.ORDERED;
    }

    /** Whether the operator matches text patterns. */
    public boolean isTextMatch() {
        return accepts == Accepts.TEXT;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
