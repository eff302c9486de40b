package dev.tabletalk.core.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/** The inclusive range of values a numeric column can store. */
public record NumericRange(BigDecimal min, BigDecimal max) {

    public NumericRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    public static NumericRange of(long min, long max) {
        return new NumericRange(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
