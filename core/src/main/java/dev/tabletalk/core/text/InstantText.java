package dev.tabletalk.core.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * The ISO-8601 text of an instant exactly as {@link Instant#toString} writes it and {@link Instant#parse} reads it,
 * without {@code DateTimeFormatter} for the common form: years 0000 to 9999 in UTC ({@code 2026-12-04T16:33:52.521Z}).
 * A conversation's state and an audit record carry such a time, and the formatter cost a session store's turn more
 * than the rest of its JSON (docs/performance.md). Any other text or instant goes to the JDK, so the results are the
 * JDK's in every case, errors included. Thread-safe.
 */
public final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;
    /** The length of {@code yyyy-MM-ddTHH:mm:ss}. */
    private static final int WHOLE_SECONDS_LENGTH = 19;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private InstantText() {}

    /** {@link Instant#toString()} of {@code instant}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date;
        try {
            date = LocalDate.ofEpochDay(days);
        } catch (DateTimeException outOfRange) {
            return instant.toString();
        }
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(30);
        digits(text, year, 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            // as many digits as needed, in groups of three
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 6);
            } else {
                digits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    /**
     * {@link Instant#parse} of {@code text}.
     *
     * @throws DateTimeParseException when the JDK cannot read it either
     */
    public static Instant parse(CharSequence text) {
        Instant common = parseCommon(text);
        return common != null ? common : Instant.parse(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields (no leap second), else null. */
    private static Instant parseCommon(CharSequence text) {
        int length = text.length();
        if (length < WHOLE_SECONDS_LENGTH + 1
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - WHOLE_SECONDS_LENGTH - 2; // less the point and the Z
        if (length > WHOLE_SECONDS_LENGTH + 1) {
            if (text.charAt(WHOLE_SECONDS_LENGTH) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = number(text, WHOLE_SECONDS_LENGTH + 1, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The ASCII digits at {@code start} as a number, or -1 when one of them is not a digit. */
    private static int number(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
