package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.text.Identifiers;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dates in a message (#13): "in 2025", "in March 2024", "since March 2024", "before 2024", "after 5 March 2024",
 * "between 2024-01-01 and 2024-01-31", "from March to May 2024", "on 2024-03-05", "today", "yesterday", "last 7
 * days", "in the last 30 days", "this month", "last month", "this year", "last year", ISO dates and written dates
 * ("5 March 2024", "March 5, 2024").
 *
 * <p>Every phrase becomes concrete days, resolved against the request's "today" (the engine's clock), so the plan
 * and its interpretation show dates a person can check: a single day is {@code = day}, a longer span
 * {@code between first and last} (inclusive of the last day; on a timestamp column the executors compare whole
 * days). "last 7 days" is the seven days ending today; "last month" the previous calendar month; a month or day
 * without a year is in today's year. "from X" alone means in X ("orders from 1996"). "since X" starts with X's first day, "after X" starts after its last day,
 * "before X" ends before its first day, "until X" ends with its last day.
 *
 * <p>The column is the one the person named ("orders shipped in 2024": shipped_date); else the entity's own date
 * ("orders in 1997": order_date; "rentals in May 2005": rental_date); else its only date or timestamp column
 * (columns that only record changes, such as last_update, count only when nothing else is there). With several
 * and none of them named, the planner asks which one with numbered choices; it never picks one silently.
 * Impossible dates ("31 February 2024", "in 20245") are refused with a message saying why, never dropped.
 *
 * <p>One instance per request; not thread-safe.
 */
final class DateReader {

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

    private static final Set<String> COPULAS = Set.of("is", "was", "are", "were");
    private static final Set<String> RANGE_ENDS = Set.of("to", "until", "till", "through", "thru");

    /** Days from {@code from} to {@code to}, inclusive; {@code hasYear} is false for "March" or "5 March". */
    private record Span(LocalDate from, LocalDate to, int end, boolean hasYear, Optional<String> problem) {

        static Span of(LocalDate from, LocalDate to, int end, boolean hasYear) {
            return new Span(from, to, end, hasYear, Optional.empty());
        }

        static Span wrong(String problem, int end) {
            return new Span(LocalDate.MIN, LocalDate.MIN, end, true, Optional.of(problem));
        }
    }

    /** A comparison read from a date phrase, up to {@code end}; or a problem with the date. */
    private record Phrase(Op op, Object value, int end, Optional<String> problem) {}

    /** A date phrase that could be on several columns: the plan holds it on the first until the person picks. */
    private record Choice(Filter placeholder, List<ColumnView> columns, String words) {}

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final LocalDate today;
    private Choice choice;

    DateReader(TokenCursor tokens, PlanParts plan, LocalDate today) {
        this.tokens = tokens;
        this.plan = plan;
        this.today = today;
    }

    /**
     * A date phrase right after a date field's name ("hired in 1993", "order date before 2024"): the condition on
     * that field, and where reading goes on; {@code -1} when no date phrase is there.
     */
    int onColumn(ColumnView column, int j) {
        if (!column.type().isTemporal() || column.type() == ValueType.TIME) {
            return -1;
        }
        int k = j;
        while (tokens.peek(k).map(t -> COPULAS.contains(t.word())).orElse(false)) {
            k++;
        }
        Optional<Phrase> phrase = phrase(k);
        if (phrase.isEmpty()) {
            return -1;
        }
        place(column, phrase.get(), j);
        return phrase.get().end();
    }

    /**
     * A date phrase naming no field at {@code i} ("orders in March 2024", "rentals last month"): the condition on
     * the entity's date, a question when it has several, and where reading goes on ({@code i} when nothing here).
     */
    int withoutField(int i) {
        if (plan.target == null || plan.intent != Intent.READ && plan.intent != Intent.UPDATE) {
            return i;
        }
        Optional<Phrase> phrase = phrase(i);
        if (phrase.isEmpty()) {
            return i;
        }
        if (phrase.get().problem().isPresent()) {
            place(null, phrase.get(), i);
            return phrase.get().end();
        }
        List<ColumnView> candidates = candidates();
        if (candidates.isEmpty()) {
            return i;
        }
        if (candidates.size() > 1 && choice != null) {
            refuse("I can ask about one date at a time: say which date field \""
                    + tokens.text(i, phrase.get().end()) + "\" is about (" + labels(candidates) + ").");
            tokens.place(i, phrase.get().end());
            return phrase.get().end();
        }
        int before = plan.filters.size();
        place(candidates.get(0), phrase.get(), i);
        if (candidates.size() > 1 && plan.filters.size() == before + 1) {
            choice = new Choice(
                    plan.filters.get(before),
                    candidates,
                    tokens.text(i, phrase.get().end()));
        } else if (candidates.size() > 1) {
            refuse("Say which date field \"" + tokens.text(i, phrase.get().end()) + "\" is about (" + labels(candidates)
                    + ").");
        }
        return phrase.get().end();
    }

    /**
     * The output as it stands, or, when a date phrase could be on several date fields, a question with one
     * numbered choice per field, each carrying the whole plan with that field.
     */
    PlannerOutput asked(PlannerOutput output) {
        if (choice == null || output.refusal().isPresent() || output.entity().isEmpty()) {
            return output;
        }
        String entity = output.entity().get();
        List<Question.Choice> choices = new ArrayList<>();
        for (ColumnView column : choice.columns()) {
            List<Condition> filters = output.filters().stream()
                    .map(c -> c.mapLeaves(
                            f -> f == choice.placeholder() ? Filter.of(column.name(), f.op(), f.value()) : f))
                    .toList();
            String label = Identifiers.label(column.name());
            if (output.intent() == Intent.READ) {
                choices.add(new Question.Choice(
                        label,
                        column.name(),
                        new ReadPlan(
                                entity,
                                output.select(),
                                filters,
                                output.orderBy(),
                                output.limit(),
                                output.offset(),
                                output.aggregate(),
                                output.deleted())));
            } else if (output.intent() == Intent.UPDATE) {
                choices.add(
                        new Question.Choice(label, column.name(), new UpdatePlan(entity, output.fields(), filters)));
            } else {
                return output;
            }
        }
        Question question = new Question(
                "Which date of " + Identifiers.label(entity) + " do you mean by \"" + choice.words() + "\"?", choices);
        return PlannerOutput.asking(question, output.trace());
    }

    // ---- phrases ------------------------------------------------------------------------------------------

    private Optional<Phrase> phrase(int i) {
        Optional<Token> first = tokens.peek(i);
        if (first.isEmpty() || tokens.used(i)) {
            return Optional.empty();
        }
        String w = first.get().isWord() ? first.get().word() : "";
        switch (w) {
            case "in", "during", "on", "within", "over", "for" -> {
                int k = skipThe(i + 1);
                boolean relativeOnly = w.equals("within") || w.equals("over") || w.equals("for");
                if (relativeOnly && !isRelativeStart(k)) {
                    return Optional.empty();
                }
                return span(k).map(s -> spanPhrase(s, Op.EQ));
            }
            case "since" -> {
                return span(i + 1).map(s -> spanPhrase(s, Op.GE));
            }
            case "after" -> {
                return span(i + 1).map(s -> spanPhrase(s, Op.GT));
            }
            case "before" -> {
                return span(i + 1).map(s -> spanPhrase(s, Op.LT));
            }
            case "until", "till", "through" -> {
                return span(i + 1).map(s -> spanPhrase(s, Op.LE));
            }
            case "from", "between" -> {
                Optional<Span> low = span(i + 1);
                if (low.isEmpty()) {
                    return Optional.empty();
                }
                int k = low.get().end();
                boolean joined = w.equals("between")
                        ? tokens.peekIs(k, "and")
                        : tokens.peek(k).map(t -> RANGE_ENDS.contains(t.word())).orElse(false);
                if (!joined) {
                    // "orders from 1996", "payments from yesterday": the rows of that time, like "in"
                    return w.equals("from") ? Optional.of(spanPhrase(low.get(), Op.EQ)) : Optional.empty();
                }
                Optional<Span> high = span(k + 1);
                if (high.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(range(low.get(), high.get()));
            }
            default -> {
                if (isRelativeStart(i)) {
                    return span(i).map(s -> spanPhrase(s, Op.EQ));
                }
                return Optional.empty();
            }
        }
    }

    /** "from March to May 2024": a month or day without a year takes the year of the range's end. */
    private Phrase range(Span low, Span high) {
        if (low.problem().isPresent()) {
            return new Phrase(Op.BETWEEN, null, high.end(), low.problem());
        }
        if (high.problem().isPresent()) {
            return new Phrase(Op.BETWEEN, null, high.end(), high.problem());
        }
        LocalDate from = low.from();
        if (!low.hasYear() && high.hasYear()) {
            from = from.withYear(high.to().getYear());
        }
        if (from.isAfter(high.to())) {
            return new Phrase(
                    Op.BETWEEN,
                    null,
                    high.end(),
                    Optional.of("the range starts (" + from + ") after it ends (" + high.to() + ")"));
        }
        return new Phrase(Op.BETWEEN, List.of(from.toString(), high.to().toString()), high.end(), Optional.empty());
    }

    private static Phrase spanPhrase(Span span, Op op) {
        if (span.problem().isPresent()) {
            return new Phrase(op, null, span.end(), span.problem());
        }
        return switch (op) {
            case GE -> new Phrase(Op.GE, span.from().toString(), span.end(), Optional.empty());
            case GT -> new Phrase(Op.GT, span.to().toString(), span.end(), Optional.empty());
            case LT -> new Phrase(Op.LT, span.from().toString(), span.end(), Optional.empty());
            case LE -> new Phrase(Op.LE, span.to().toString(), span.end(), Optional.empty());
            default ->
                span.from().equals(span.to())
                        ? new Phrase(Op.EQ, span.from().toString(), span.end(), Optional.empty())
                        : new Phrase(
                                Op.BETWEEN,
                                List.of(span.from().toString(), span.to().toString()),
                                span.end(),
                                Optional.empty());
        };
    }

    private boolean isRelativeStart(int k) {
        return tokens.peek(k)
                .map(t -> t.isWord()
                        && switch (t.word()) {
                            case "today", "yesterday", "this", "last", "past", "previous", "current" -> true;
                            default -> false;
                        })
                .orElse(false);
    }

    private int skipThe(int k) {
        return tokens.peekIs(k, "the") ? k + 1 : k;
    }

    /** The days a date expression at {@code k} names (no operator word before it). */
    private Optional<Span> span(int k) {
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

    // ---- columns ------------------------------------------------------------------------------------------

    /** The date fields a phrase naming no field can be about, best first; one means no doubt. */
    private List<ColumnView> candidates() {
        List<ColumnView> dated = plan.target.columns().stream()
                .filter(c -> SchemaIndex.isTemporal(c) && c.type() != ValueType.TIME && SchemaIndex.filterable(c))
                .toList();
        String entityKey = Words.key(plan.target.nameWords());
        List<ColumnView> own = dated.stream()
                .filter(c -> {
                    String key = Words.key(Words.split(c.name()));
                    return key.startsWith(entityKey) && !bookkeeping(key);
                })
                .toList();
        if (own.size() == 1) {
            return own;
        }
        List<ColumnView> events = dated.stream()
                .filter(c -> !bookkeeping(Words.key(Words.split(c.name()))))
                .toList();
        return events.isEmpty() ? dated : events;
    }

    private static boolean bookkeeping(String key) {
        return key.contains("update") || key.contains("modified") || key.contains("changed");
    }

    private static String labels(List<ColumnView> columns) {
        return String.join(
                ", ", columns.stream().map(c -> Identifiers.label(c.name())).toList());
    }

    // ---- results ------------------------------------------------------------------------------------------

    private void place(ColumnView column, Phrase phrase, int from) {
        tokens.place(from, phrase.end());
        if (phrase.problem().isPresent()) {
            refuse("I cannot read \"" + tokens.text(from, phrase.end()) + "\": "
                    + phrase.problem().get() + ".");
            return;
        }
        if (plan.intent == Intent.UPDATE) {
            // a date phrase in an update is always a condition, never a value to set
            plan.filters.add(Filter.of(column.name(), phrase.op(), phrase.value()));
        } else {
            plan.add(column, phrase.op(), phrase.value(), false);
        }
    }

    private void refuse(String why) {
        if (plan.leftOut == null) {
            plan.leftOut = new LeftOut(Refusal.of(
                    RefusalCode.INVALID_DATE,
                    why + " I never leave part of a request out: nothing was "
                            + (plan.intent == Intent.READ ? "read." : "prepared or changed.")));
        }
    }
}
