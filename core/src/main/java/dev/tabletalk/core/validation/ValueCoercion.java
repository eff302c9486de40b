package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.reply.RefusalCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns values from plans and from people into the Java type of a column, or says clearly why
 * not. One rule for every entry point:
 *
 * <ul>
 *   <li>{@link #fromPlan}: values a planner put in a plan, typed as JSON types. Integers must be
 *       JSON integers ({@code "05"}, {@code "5"}, {@code 5.0} are refused: no silent rounding,
 *       no text-to-number guessing); decimals are JSON numbers; booleans are JSON booleans, the
 *       words yes/no/true/false/1/0 in any case, or the integers 1 and 0.
 *   <li>{@link #fromText}: what a person typed ("change total to 12.50"). Canonical decimal
 *       numbers, {@code true/false/yes/no/1/0} (and {@code y/n/on/off}), and the same ISO dates.
 * </ul>
 *
 * <p>Both reject NaN and infinities, values outside the column's range, precision or length,
 * and values outside an enum. Dates and times are ISO-8601 only ({@code 2024-02-29},
 * {@code 2024-02-29T13:45:00}, with an optional offset); a date-time without an offset is taken
 * as UTC for columns with a time zone, and an offset is converted to UTC for columns without one.
 * Java types: TEXT and enums {@code String}, INTEGER {@code Long}, DECIMAL {@code BigDecimal},
 * FLOAT {@code Double}, BOOLEAN {@code Boolean}, DATE {@code LocalDate}, TIME {@code LocalTime},
 * TIMESTAMP {@code LocalDateTime}, TIMESTAMP_TZ {@code OffsetDateTime}, UUID {@code UUID}.
 */
public final class ValueCoercion {

    private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?|-?\\.[0-9]+");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_ONLY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final NumericRange LONG_RANGE = NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE);
    private static final int MAX_QUOTED = 40;

    private ValueCoercion() {}

    /** Coerces a value taken from a plan (JSON types) to the column's type. {@code null} stays SQL NULL. */
    public static Coerced fromPlan(Column column, Object raw) {
        if (raw == null) {
            return new Coerced.Value(null);
        }
        if (!column.type().isConversational()) {
            return reject(
                    RefusalCode.TYPE_MISMATCH,
                    column,
                    column.name() + " holds " + column.nativeType() + " values, which cannot be set or searched here");
        }
        if (column.isEnum()) {
            return raw instanceof String text
                    ? enumValue(column, text)
                    : notA("one of " + choices(column), raw, column);
        }
        return switch (column.type()) {
            case TEXT -> text(column, raw);
            case INTEGER -> integer(column, raw);
            case DECIMAL, FLOAT -> decimal(column, raw);
            case BOOLEAN -> planBoolean(column, raw);
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> temporal(column, raw);
            case UUID ->
                raw instanceof UUID id
                        ? new Coerced.Value(id)
                        : raw instanceof String text ? uuid(column, text) : notA("a UUID", raw, column);
            default -> reject(RefusalCode.TYPE_MISMATCH, column, column.name() + " cannot be set or searched here");
        };
    }

    /**
     * Coerces a value a plan compares a column with (#13): like {@link #fromPlan}, except that a date without a
     * time ({@code 2024-03-05}) on a timestamp column stays a {@link LocalDate}, a whole day, which the executors
     * compare by days ({@link dev.tabletalk.core.plan.Days}). A value written to a column keeps
     * {@link #fromPlan}'s meaning (a date alone is that day's midnight).
     */
    public static Coerced forFilter(Column column, Object raw) {
        boolean timestamp = column.type() == ValueType.TIMESTAMP || column.type() == ValueType.TIMESTAMP_TZ;
        if (!timestamp || column.isEnum()) {
            return fromPlan(column, raw);
        }
        if (raw instanceof LocalDate) {
            return new Coerced.Value(raw);
        }
        if (raw instanceof String text && DATE_ONLY.matcher(text.strip()).matches()) {
            try {
                return new Coerced.Value(LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE));
            } catch (DateTimeParseException e) {
                return reject(
                        RefusalCode.INVALID_DATE,
                        column,
                        quote(text) + " is not a valid date for " + column.name()
                                + "; write a day that exists, like 2024-02-29");
            }
        }
        return fromPlan(column, raw);
    }

    /**
     * Coerces text a person typed to the column's type. Surrounding quotes are dropped; the words
     * {@code null} and {@code empty} mean SQL NULL.
     */
    public static Coerced fromText(Column column, String typed) {
        String text = unquote(typed.strip());
        if (text.equalsIgnoreCase("null") || text.equalsIgnoreCase("empty")) {
            return new Coerced.Value(null);
        }
        if (column.isEnum()
                || column.type() == ValueType.TEXT
                || column.type().isTemporal()
                || column.type() == ValueType.UUID
                || !column.type().isConversational()) {
            return fromPlan(column, text);
        }
        return switch (column.type()) {
            case INTEGER ->
                CANONICAL_INTEGER.matcher(text).matches()
                        ? integer(column, new BigInteger(text))
                        : notA("a whole number", text, column);
            case DECIMAL, FLOAT ->
                PLAIN_DECIMAL.matcher(text).matches() ? decimal(column, new BigDecimal(text)) : decimal(column, text);
            case BOOLEAN -> bool(column, text);
            default -> fromPlan(column, text);
        };
    }

    private static Coerced text(Column column, Object raw) {
        String text;
        if (raw instanceof String s) {
            text = s;
        } else if (raw instanceof Long
                || raw instanceof Integer
                || raw instanceof BigInteger
                || raw instanceof BigDecimal) {
            text = raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
        } else {
            return notA("text", raw, column);
        }
        if (column.maxLength().isPresent()) {
            int max = column.maxLength().getAsInt();
            int length = text.codePointCount(0, text.length());
            if (length > max) {
                return reject(
                        RefusalCode.VALUE_TOO_LONG,
                        column,
                        column.name() + " takes at most " + max + " characters; this value has " + length);
            }
        }
        return new Coerced.Value(text);
    }

    private static Coerced integer(Column column, Object raw) {
        BigInteger value;
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            value = BigInteger.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger big) {
            value = big;
        } else if ((raw instanceof Double || raw instanceof Float) && !Double.isFinite(((Number) raw).doubleValue())) {
            return notFiniteProblem(column, raw.toString());
        } else if (raw instanceof String text && isNonFiniteWord(text)) {
            return notFiniteProblem(column, text);
        } else {
            return notA("a whole number", raw, column);
        }
        BigDecimal decimal = new BigDecimal(value);
        NumericRange range = column.range().orElse(LONG_RANGE);
        if (!range.contains(decimal) || !LONG_RANGE.contains(decimal)) {
            return reject(
                    RefusalCode.OUT_OF_RANGE,
                    column,
                    value + " is out of range for " + column.name() + " ("
                            + range.min().toPlainString() + " to " + range.max().toPlainString() + ")");
        }
        return new Coerced.Value(value.longValueExact());
    }

    private static Coerced decimal(Column column, Object raw) {
        BigDecimal value;
        if (raw instanceof BigDecimal d) {
            value = d;
        } else if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            value = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger big) {
            value = new BigDecimal(big);
        } else if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                return notFiniteProblem(column, raw.toString());
            }
            value = new BigDecimal(raw.toString());
        } else if (raw instanceof String text && isNonFiniteWord(text)) {
            return notFiniteProblem(column, text);
        } else {
            return notA("a number", raw, column);
        }
        if (column.type() == ValueType.FLOAT) {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                return reject(RefusalCode.OUT_OF_RANGE, column, "that number is too large for " + column.name());
            }
            return new Coerced.Value(d);
        }
        if (column.scale().isPresent()
                && value.stripTrailingZeros().scale() > column.scale().getAsInt()) {
            int scale = column.scale().getAsInt();
            return reject(
                    RefusalCode.OUT_OF_RANGE,
                    column,
                    column.name() + " takes at most " + scale
                            + (scale == 1 ? " decimal place" : " decimal places") + "; " + value.toPlainString()
                            + " has more");
        }
        if (column.precision().isPresent()) {
            int integerDigits = column.precision().getAsInt() - column.scale().orElse(0);
            BigDecimal bound = BigDecimal.TEN.pow(Math.max(integerDigits, 0));
            if (value.abs().compareTo(bound) >= 0) {
                return reject(
                        RefusalCode.OUT_OF_RANGE,
                        column,
                        value.toPlainString() + " is too large for " + column.name() + " (at most " + integerDigits
                                + " digits before the decimal point)");
            }
        }
        if (column.range().isPresent() && !column.range().get().contains(value)) {
            NumericRange range = column.range().get();
            return reject(
                    RefusalCode.OUT_OF_RANGE,
                    column,
                    value.toPlainString() + " is out of range for " + column.name() + " ("
                            + range.min().toPlainString() + " to " + range.max().toPlainString() + ")");
        }
        return new Coerced.Value(value);
    }

    private static Coerced bool(Column column, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on", "1" -> new Coerced.Value(Boolean.TRUE);
            case "false", "no", "n", "off", "0" -> new Coerced.Value(Boolean.FALSE);
            default -> notA("yes or no", text, column);
        };
    }

    /** A plan's boolean: {@code true}/{@code false}, the words yes/no/true/false/1/0 (any case), or 1/0 (#13). */
    private static Coerced planBoolean(Column column, Object raw) {
        if (raw instanceof Boolean b) {
            return new Coerced.Value(b);
        }
        if (raw instanceof String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> new Coerced.Value(Boolean.TRUE);
                case "false", "no", "0" -> new Coerced.Value(Boolean.FALSE);
                default -> notA("true or false", raw, column);
            };
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof BigInteger) {
            long value = ((Number) raw).longValue();
            boolean exact = !(raw instanceof BigInteger big) || big.bitLength() < 64;
            if (exact && (value == 0 || value == 1)) {
                return new Coerced.Value(value == 1);
            }
        }
        return notA("true or false", raw, column);
    }

    private static Coerced enumValue(Column column, String text) {
        for (String allowed : column.enumValues()) {
            if (allowed.equals(text)) {
                return new Coerced.Value(allowed);
            }
        }
        List<String> folded = column.enumValues().stream()
                .filter(v -> v.equalsIgnoreCase(text))
                .toList();
        if (folded.size() == 1) {
            return new Coerced.Value(folded.get(0));
        }
        return reject(
                RefusalCode.INVALID_ENUM_VALUE,
                column,
                quote(text) + " is not a valid " + column.name() + "; choose one of " + choices(column));
    }

    private static Coerced temporal(Column column, Object raw) {
        // already coerced (re-validation of a validated plan) stays as it is
        boolean typed = switch (column.type()) {
            case DATE -> raw instanceof LocalDate;
            case TIME -> raw instanceof LocalTime;
            case TIMESTAMP -> raw instanceof LocalDateTime;
            case TIMESTAMP_TZ -> raw instanceof OffsetDateTime;
            default -> false;
        };
        if (typed) {
            return new Coerced.Value(raw);
        }
        if (!(raw instanceof String text)) {
            return notA("a " + dateKind(column.type()), raw, column);
        }
        String t = text.strip();
        try {
            return new Coerced.Value(
                    switch (column.type()) {
                        case DATE -> LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE);
                        case TIME -> LocalTime.parse(t, DateTimeFormatter.ISO_LOCAL_TIME);
                        case TIMESTAMP -> localDateTime(t);
                        case TIMESTAMP_TZ -> offsetDateTime(t);
                        default -> throw new IllegalStateException("not temporal: " + column.type());
                    });
        } catch (DateTimeParseException e) {
            return reject(
                    RefusalCode.INVALID_DATE,
                    column,
                    quote(text) + " is not a valid "
                            + dateKind(column.type()) + " for " + column.name() + "; write it like "
                            + example(column.type()));
        }
    }

    private static LocalDateTime localDateTime(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay();
        }
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        }
    }

    private static OffsetDateTime offsetDateTime(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
                    .atStartOfDay()
                    .atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .atOffset(ZoneOffset.UTC);
        }
    }

    private static Coerced uuid(Column column, String text) {
        if (!UUID_TEXT.matcher(text.strip()).matches()) {
            return notA("a UUID", text, column);
        }
        return new Coerced.Value(UUID.fromString(text.strip()));
    }

    private static boolean isNonFiniteWord(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.equals("nan")
                || t.equals("infinity")
                || t.equals("+infinity")
                || t.equals("-infinity")
                || t.equals("inf")
                || t.equals("-inf");
    }

    private static Coerced notFiniteProblem(Column column, String text) {
        return reject(RefusalCode.NOT_FINITE, column, quote(text) + " is not a finite number for " + column.name());
    }

    private static Coerced notA(String what, Object raw, Column column) {
        return reject(
                RefusalCode.TYPE_MISMATCH,
                column,
                quote(String.valueOf(raw)) + " is not " + what + " for " + column.name());
    }

    private static Coerced reject(RefusalCode code, Column column, String message) {
        return new Coerced.Rejected(Problem.of(code, column.name(), message));
    }

    private static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            char last = text.charAt(text.length() - 1);
            if ((first == '"' && last == '"') || (first == '\'' && last == '\'')) {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }

    /** Quotes a value for a message, cut short so a huge value cannot flood a reply. */
    static String quote(String value) {
        String shown = value.codePointCount(0, value.length()) > MAX_QUOTED
                ? value.substring(0, value.offsetByCodePoints(0, MAX_QUOTED)) + "…"
                : value;
        return "'" + shown + "'";
    }

    private static String choices(Column column) {
        return String.join(", ", column.enumValues());
    }

    private static String dateKind(ValueType type) {
        return switch (type) {
            case DATE -> "date";
            case TIME -> "time";
            default -> "date and time";
        };
    }

    private static String example(ValueType type) {
        return switch (type) {
            case DATE -> "2024-02-29";
            case TIME -> "13:45:00";
            case TIMESTAMP -> "2024-02-29T13:45:00";
            default -> "2024-02-29T13:45:00+01:00";
        };
    }
}
