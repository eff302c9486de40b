package dev.tabletalk.plannerrules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The days a date expression names, read from the tokens of a message (#13): "2024-03-05", "2024", "March 2024",
 * "5 March 2024", "March 5, 2024", "5th of March", "today", "yesterday", "this/last week|month|year", "last 7
 * days", "past 2 weeks". Relative ones are resolved against {@code today}; a month or day without a year is in
 * today's year. An impossible date comes back as a span with a problem, to be refused rather than dropped.
 * {@link DateReader} puts the operator words around it ("since", "before", "between ... and ...").
 *
 * <p>One instance per request; not thread-safe.
 */
final class DateSpans {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1),
            Map.entry("jan", 1),
            Map.entry("february", 2),
            Map.entry("feb", 2),
            Map.entry("march", 3),
            Map.entry("mar", 3),
            Map.entry("april", 4),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("june", 6),
            Map.entry("jun", 6),
            Map.entry("july", 7),
            Map.entry("jul", 7),
            Map.entry("august", 8),
            Map.entry("aug", 8),
            Map.entry("september", 9),
            Map.entry("sep", 9),
            Map.entry("sept", 9),
            Map.entry("october", 10),
            Map.entry("oct", 10),
            Map.entry("november", 11),
            Map.entry("nov", 11),
            Map.entry("december", 12),
            Map.entry("dec", 12));

    /** Days from {@code from} to {@code to}, inclusive; {@code hasYear} is false for "March" or "5 March". */
    record Span(LocalDate from, LocalDate to, int end, boolean hasYear, Optional<String> problem) {

        static Span of(LocalDate from, LocalDate to, int end, boolean hasYear) {
            return new Span(from, to, end, hasYear, Optional.empty());
        }

        static Span wrong(String problem, int end) {
            return new Span(LocalDate.MIN, LocalDate.MIN, end, true, Optional.of(problem));
        }
    }

    private final TokenCursor tokens;
    private final LocalDate today;

    DateSpans(TokenCursor tokens, LocalDate today) {
        this.tokens = tokens;
        this.today = today;
    }

    /** The days a date expression at {@code k} names (no operator word before it). */
    Optional<Span> span(int k) {
        Optional<Token> first = tokens.peek(k);
        if (first.isEmpty() || tokens.used(k)) {
            return Optional.empty();
        }
        Token t = first.get();
        if (t.kind() == Token.Kind.DATE) {
            if (t.text().indexOf('T') >= 0) {
                return Optional.empty(); // a date with a time keeps its exact meaning (the field's own comparison)
            }
            try {
                LocalDate day = LocalDate.parse(t.text());
                return Optional.of(Span.of(day, day, k + 1, true));
            } catch (DateTimeException e) {
                return Optional.of(Span.wrong("\"" + t.text() + "\" is not a date that exists", k + 1));
            }
        }
        if (t.kind() == Token.Kind.NUMBER && t.isInteger()) {
            return yearOrDay(k);
        }
        if (!t.isWord()) {
            return Optional.empty();
        }
        return switch (t.word()) {
            case "today" -> Optional.of(Span.of(today, today, k + 1, true));
            case "yesterday" -> Optional.of(Span.of(today.minusDays(1), today.minusDays(1), k + 1, true));
            case "this", "current" -> current(k + 1, 0);
            case "last", "previous", "past" -> relative(k + 1);
            default -> ordinalDay(t.word()).isPresent() ? dayMonth(k) : month(k);
        };
    }

    /** "this month" (offset 0), "last year" (offset 1): a whole calendar week, month or year. */
    private Optional<Span> current(int k, int back) {
        String unit = tokens.peek(k).map(Token::word).orElse("");
        return switch (unit) {
            case "week" -> {
                LocalDate monday =
                        today.minusDays(today.getDayOfWeek().getValue() - 1L).minusWeeks(back);
                yield Optional.of(Span.of(monday, monday.plusDays(6), k + 1, true));
            }
            case "month" -> {
                YearMonth month = YearMonth.from(today).minusMonths(back);
                yield Optional.of(Span.of(month.atDay(1), month.atEndOfMonth(), k + 1, true));
            }
            case "year" -> {
                int year = today.getYear() - back;
                yield Optional.of(Span.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), k + 1, true));
            }
            default -> Optional.empty();
        };
    }

    /** "last month", "last 7 days", "past 2 weeks": the previous unit, or the n units ending today. */
    private Optional<Span> relative(int k) {
        Optional<Token> next = tokens.peek(k);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        if (next.get().kind() != Token.Kind.NUMBER) {
            return current(k, 1);
        }
        if (!next.get().isInteger() || !(next.get().number() instanceof Long n) || n < 1 || n > 100_000) {
            return Optional.empty();
        }
        String unit = tokens.peek(k + 1).map(Token::word).orElse("");
        LocalDate from = switch (unit) {
            case "day", "days" -> today.minusDays(n - 1);
            case "week", "weeks" -> today.minusWeeks(n).plusDays(1);
            case "month", "months" -> today.minusMonths(n).plusDays(1);
            case "year", "years" -> today.minusYears(n).plusDays(1);
            default -> null;
        };
        return from == null ? Optional.empty() : Optional.of(Span.of(from, today, k + 2, true));
    }

    /** "2024" (a year), "5 March 2024" (a day), or "20245" (refused: no such year). */
    private Optional<Span> yearOrDay(int k) {
        Token t = tokens.get(k);
        String digits = t.text();
        if (digits.length() == 4 && (digits.startsWith("1") || digits.startsWith("2"))) {
            int year = Integer.parseInt(digits);
            return Optional.of(Span.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), k + 1, true));
        }
        if (digits.length() > 4 && (digits.startsWith("19") || digits.startsWith("20"))) {
            return Optional.of(Span.wrong("\"" + digits + "\" is not a year (write four digits, like 2024)", k + 1));
        }
        if (digits.length() <= 2
                && tokens.peek(k + 1).map(n -> MONTHS.containsKey(n.word())).orElse(false)) {
            return dayMonth(k);
        }
        return Optional.empty();
    }

    /** "5 March 2024", "5th of March", "1st March 2024": a day, in today's year when none is said. */
    private Optional<Span> dayMonth(int k) {
        Token t = tokens.get(k);
        Optional<Integer> day =
                t.kind() == Token.Kind.NUMBER ? Optional.of(((Long) t.number()).intValue()) : ordinalDay(t.word());
        int m = tokens.peekIs(k + 1, "of") ? k + 2 : k + 1;
        Integer month = tokens.peek(m).map(n -> MONTHS.get(n.word())).orElse(null);
        if (day.isEmpty() || month == null) {
            return Optional.empty();
        }
        return day(day.get(), month, m + 1, tokens.get(m).text());
    }

    /** "March 2024", "March 5, 2024", "March 5th", "March": a month or a day. */
    private Optional<Span> month(int k) {
        Integer month = MONTHS.get(tokens.get(k).word());
        if (month == null) {
            return Optional.empty();
        }
        Optional<Token> next = tokens.peek(k + 1);
        boolean shortName = tokens.get(k).word().length() <= 4
                && !tokens.get(k).word().equals("june")
                && !tokens.get(k).word().equals("july");
        if (next.isPresent()
                && next.get().kind() == Token.Kind.NUMBER
                && next.get().isInteger()) {
            String digits = next.get().text();
            if (digits.length() == 4) {
                YearMonth ym = YearMonth.of(Integer.parseInt(digits), month);
                return Optional.of(Span.of(ym.atDay(1), ym.atEndOfMonth(), k + 2, true));
            }
            if (digits.length() <= 2) {
                return day(Integer.parseInt(digits), month, k + 2, tokens.get(k).text());
            }
            return Optional.empty();
        }
        if (next.isPresent()
                && next.get().isWord()
                && ordinalDay(next.get().word()).isPresent()) {
            return day(
                    ordinalDay(next.get().word()).get(),
                    month,
                    k + 2,
                    tokens.get(k).text());
        }
        if (shortName || tokens.get(k).word().equals("may")) {
            return Optional.empty(); // "may", "mar", "dec" alone are too often other words
        }
        YearMonth ym = YearMonth.of(today.getYear(), month);
        return Optional.of(Span.of(ym.atDay(1), ym.atEndOfMonth(), k + 1, false));
    }

    /** Day {@code day} of {@code month}, with the year that follows at {@code k} (after a comma), if any. */
    private Optional<Span> day(int day, int month, int k, String monthText) {
        int y = tokens.isComma(k) ? k + 1 : k;
        Optional<Token> year = tokens.peek(y)
                .filter(t -> t.kind() == Token.Kind.NUMBER
                        && t.isInteger()
                        && t.text().length() == 4);
        int end = year.isPresent() ? y + 1 : k;
        int yearValue = year.map(t -> Integer.parseInt(t.text())).orElse(today.getYear());
        YearMonth ym = YearMonth.of(yearValue, month);
        if (day < 1 || day > ym.lengthOfMonth()) {
            return Optional.of(Span.wrong(
                    "\"" + day + " " + monthText + (year.isPresent() ? " " + yearValue : "") + "\" is not a date: "
                            + ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                            + yearValue + " has " + ym.lengthOfMonth() + " days",
                    end));
        }
        LocalDate date = ym.atDay(day);
        return Optional.of(Span.of(date, date, end, year.isPresent()));
    }

    private static Optional<Integer> ordinalDay(String word) {
        if (word.matches("[0-9]{1,2}(st|nd|rd|th)")) {
            return Optional.of(Integer.parseInt(word.substring(0, word.length() - 2)));
        }
        return Optional.empty();
    }
}
