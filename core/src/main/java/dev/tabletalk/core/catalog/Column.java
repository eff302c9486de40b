package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One column of an entity, as introspected, with the exposure decision and its reason.
 *
 * @param name the column's name exactly as the database spells it
 * @param type the portable value type
 * @param nativeType the database's own type name, for people and for diagnostics
 * @param nullable whether the column accepts NULL
 * @param defaultExpression the default as the database reports it, if any
 * @param generation whether the database produces the value (identity, computed)
 * @param maxLength the maximum length of text values, if bounded
 * @param precision the number of significant digits of a decimal, if bounded
 * @param scale the digits after the decimal point of a decimal, if bounded
 * @param range the values an integer or decimal column can hold, if bounded
 * @param enumValues the allowed values of an enum column, empty otherwise
 * @param comment the column's comment, if any
 * @param exposure whether the column is visible, masked or hidden
 * @param reason why the column has that exposure, for the operator
 */
public record Column(
        String name,
        ValueType type,
        String nativeType,
        boolean nullable,
        Optional<String> defaultExpression,
        Generation generation,
        OptionalInt maxLength,
        OptionalInt precision,
        OptionalInt scale,
        Optional<NumericRange> range,
        List<String> enumValues,
        Optional<String> comment,
        ColumnExposure exposure,
        String reason) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nativeType, "nativeType");
        Objects.requireNonNull(defaultExpression, "defaultExpression");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(range, "range");
        enumValues = List.copyOf(enumValues);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(reason, "reason");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name");
        }
    }

    public static Builder builder(String name, ValueType type) {
        return new Builder(name, type);
    }

    /** A builder initialised from this column, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(name, type)
                .nativeType(nativeType)
                .nullable(nullable)
                .defaultExpression(defaultExpression.orElse(null))
                .generation(generation)
                .maxLength(maxLength.isPresent() ? maxLength.getAsInt() : null)
                .precision(precision.isPresent() ? precision.getAsInt() : null)
                .scale(scale.isPresent() ? scale.getAsInt() : null)
                .range(range.orElse(null))
                .enumValues(enumValues)
                .comment(comment.orElse(null))
                .exposure(exposure, reason);
    }

    public boolean hasDefault() {
        return defaultExpression.isPresent();
    }

    public boolean isEnum() {
        return !enumValues.isEmpty();
    }

    public boolean isHidden() {
        return exposure == ColumnExposure.HIDDEN;
    }

    public boolean isMasked() {
        return exposure == ColumnExposure.MASKED;
    }

    public Column withExposure(ColumnExposure newExposure, String newReason) {
        return toBuilder().exposure(newExposure, newReason).build();
    }

    /** Builds a {@link Column}; only name and type are required. */
    public static final class Builder {
        private final String name;
        private final ValueType type;
        private String nativeType;
        private boolean nullable = true;
        private String defaultExpression;
        private Generation generation = Generation.NONE;
        private Integer maxLength;
        private Integer precision;
        private Integer scale;
        private NumericRange range;
        private List<String> enumValues = List.of();
        private String comment;
        private ColumnExposure exposure = ColumnExposure.VISIBLE;
        private String reason = "an ordinary column";

        private Builder(String name, ValueType type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
            this.nativeType = type.name().toLowerCase(Locale.ROOT);
        }

        public Builder nativeType(String value) {
            this.nativeType = Objects.requireNonNull(value, "nativeType");
            return this;
        }

        public Builder nullable(boolean value) {
            this.nullable = value;
            return this;
        }

        /** The default expression, or {@code null} for none. */
        public Builder defaultExpression(String value) {
            this.defaultExpression = value;
            return this;
        }

        public Builder generation(Generation value) {
            this.generation = Objects.requireNonNull(value, "generation");
            return this;
        }

        /** The maximum text length, or {@code null} for unbounded. */
        public Builder maxLength(Integer value) {
            this.maxLength = value;
            return this;
        }

        public Builder precision(Integer value) {
            this.precision = value;
            return this;
        }

        public Builder scale(Integer value) {
            this.scale = value;
            return this;
        }

        public Builder range(NumericRange value) {
            this.range = value;
            return this;
        }

        public Builder enumValues(List<String> values) {
            this.enumValues = List.copyOf(values);
            return this;
        }

        public Builder comment(String value) {
            this.comment = value;
            return this;
        }

        public Builder exposure(ColumnExposure value, String why) {
            this.exposure = Objects.requireNonNull(value, "exposure");
            this.reason = Objects.requireNonNull(why, "reason");
            return this;
        }

        public Column build() {
            return new Column(
                    name,
                    type,
                    nativeType,
                    nullable,
                    Optional.ofNullable(defaultExpression),
                    generation,
                    maxLength == null ? OptionalInt.empty() : OptionalInt.of(maxLength),
                    precision == null ? OptionalInt.empty() : OptionalInt.of(precision),
                    scale == null ? OptionalInt.empty() : OptionalInt.of(scale),
                    Optional.ofNullable(range),
                    enumValues,
                    Optional.ofNullable(comment),
                    exposure,
                    reason);
        }
    }
}
