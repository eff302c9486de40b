package dev.tabletalk.core.macro;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a macro parameter, and how a person's text becomes its value: {@code integer} (a whole number, as
 * {@code Long}), {@code number} ({@code BigDecimal}), {@code text} ({@code String}), {@code date} (ISO, as the text
 * {@code 2025-03-31}) and {@code month} ({@code March 2025}, {@code Mar 2025} or {@code 2025-03}, as a
 * {@link YearMonth}; it fills a {@code between} with its first and last day).
 */
public enum ParamType {
    INTEGER("a whole number, e.g. 42"),
    NUMBER("a number, e.g. 19.90"),
    TEXT("some text"),
    DATE("a date like 2025-03-31"),
    MONTH("a month like March 2025");

    private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?[0-9]{1,18}");
    private static final Pattern NUMBER_TEXT = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern ISO_MONTH = Pattern.compile("([0-9]{4})-([0-9]{1,2})");
    private static final Pattern NAMED_MONTH = Pattern.compile("([a-z]+)\\.?,?\\s+([0-9]{4})");

    private final String hint;

    ParamType(String hint) {
        this.hint = hint;
    }

    /** The lower-case name used in configuration: {@code integer}, {@code number}, {@code text}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with exactly this configuration name. */
    public static Optional<ParamType> fromWireName(String name) {
        for (ParamType type : values()) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** What a value of this type looks like, for a question or an error ("a month like March 2025"). */
    public String hint() {
        return hint;
    }

    /**
     * The value {@code typed} stands for: {@code Long}, {@code BigDecimal}, {@code String}, {@code LocalDate} or
     * {@code YearMonth}; empty when it is not a value of this type.
     */
    public Optional<Object> parse(String typed) {
        String text = typed.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (this) {
            case INTEGER:
                return INTEGER_TEXT.matcher(text).matches()
                        ? Optional.of(Long.parseLong(text.startsWith("+") ? text.substring(1) : text))
                        : Optional.empty();
            case NUMBER:
                return NUMBER_TEXT.matcher(text).matches() ? Optional.of(new BigDecimal(text)) : Optional.empty();
            case DATE:
                try {
                    return Optional.of(LocalDate.parse(text));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            case MONTH:
                return month(text.toLowerCase(Locale.ROOT));
            case TEXT:
            default:
                return Optional.of(unquoted(text));
        }
    }

    /** The canonical text of a value of this type, which {@link #parse} reads back to the same value. */
    public String format(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    /** How a value of this type reads to a person ("March 2025" for a month). */
    public String show(Object value) {
        if (value instanceof YearMonth month) {
            return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
        }
        if (value instanceof String text && this == TEXT) {
            return "'" + text + "'";
        }
        return format(value);
    }

    private static Optional<Object> month(String text) {
        Matcher iso = ISO_MONTH.matcher(text);
        if (iso.matches()) {
            int month = Integer.parseInt(iso.group(2));
            return month >= 1 && month <= 12
                    ? Optional.of(YearMonth.of(Integer.parseInt(iso.group(1)), month))
                    : Optional.empty();
        }
        Matcher named = NAMED_MONTH.matcher(text);
        if (named.matches() && named.group(1).length() >= 3) {
            for (Month month : Month.values()) {
                String full =
                        month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
                if (full.startsWith(named.group(1))) {
                    return Optional.of(YearMonth.of(Integer.parseInt(named.group(2)), month));
                }
            }
        }
        return Optional.empty();
    }

    private static String unquoted(String text) {
        if (text.length() >= 2
                && ((text.startsWith("\"") && text.endsWith("\"")) || (text.startsWith("'") && text.endsWith("'")))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
