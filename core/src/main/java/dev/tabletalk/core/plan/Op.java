package dev.tabletalk.core.plan;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of filter operators. Anything else is unrepresentable, and refused when parsed. */
public enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    /** Case-insensitive substring match; {@code %} and {@code _} are literal characters. */
    CONTAINS("contains"),
    /** Case-insensitive prefix match; {@code %} and {@code _} are literal characters. */
    STARTS_WITH("starts_with"),
    /** One of a list of values (the value is a {@code List}). */
    IN("in"),
    IS_NULL("is_null"),
    IS_NOT_NULL("is_not_null"),
    /** Inclusive range (the value is a two-element {@code List}). */
    BETWEEN("between");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** The operator's name in plans and JSON: {@code =}, {@code contains}, {@code is_null}, ... */
    public String symbol() {
        return symbol;
    }

    /** The operator with exactly this symbol; no aliases, no case folding. */
    public static Optional<Op> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }

    /** Whether the operator takes no value. */
    public boolean isNullCheck() {
        return this == IS_NULL || this == IS_NOT_NULL;
    }

    /** Whether the operator needs an ordered type. */
    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE || this == BETWEEN;
    }

    /** Whether the operator matches text patterns. */
    public boolean isTextMatch() {
        return this == CONTAINS || this == STARTS_WITH;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
