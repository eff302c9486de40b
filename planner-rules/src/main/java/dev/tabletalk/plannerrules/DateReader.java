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
import dev.tabletalk.plannerrules.DateSpans.Span;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * without a year is in today's year ({@link DateSpans} reads the days). "from X" alone means in X ("orders from
 * 1996"); "since X" starts with X's first day, "after X" starts after its last day, "before X" ends before its
 * first day, "until X" ends with its last day.
 *
 * <p>The column is the one the person named ("orders shipped in 2024": shipped_date); else the entity's own date
 * ("orders in 1997": order_date; "rentals in May 2005": rental_date); else its only date or timestamp column
 * (columns that only record changes, such as last_update, are taken only when named). With several and none
 * of them named, the planner asks which one with numbered choices; it never picks one silently.
 * Impossible dates ("31 February 2024", "in 20245") are refused with a message saying why, never dropped.
 *
 * <p>One instance per request; not thread-safe.
 */
final class DateReader {

    private static final Set<String> COPULAS = Set.of("is", "was", "are", "were");
    private static final Set<String> RANGE_ENDS = Set.of("to", "until", "till", "through", "thru");

    /** A comparison read from a date phrase, up to {@code end}; or a problem with the date. */
    private record Phrase(Op op, Object value, int end, Optional<String> problem) {}

    /** A date phrase that could be on several columns: the plan holds it on the first until the person picks. */
    private record Choice(Filter placeholder, List<ColumnView> columns, String words) {}

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final DateSpans spans;
    private Choice choice;

    DateReader(TokenCursor tokens, PlanParts plan, LocalDate today) {
        this.tokens = tokens;
        this.plan = plan;
        this.spans = new DateSpans(tokens, today);
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
     * "add a rental ... on 2005-05-24" at the "on" at {@code i}: the new row's date, in its one date column. Returns
     * where the phrase ends, or {@code i} (reads and updates read dates as conditions, elsewhere in this reader).
     */
    int newRowDate(int i) {
        Optional<ColumnView> date = plan.target == null ? Optional.empty() : SchemaIndex.dateColumn(plan.target);
        if (plan.intent != Intent.CREATE
                || date.isEmpty()
                || tokens.peek(i + 1).filter(n -> n.kind() == Token.Kind.DATE).isEmpty()) {
            return i;
        }
        plan.add(date.get(), Op.EQ, tokens.get(i + 1).text(), false);
        tokens.place(i + 1, i + 2);
        return i + 2;
    }

    /** Whether a date phrase fits several columns, so that the message's plan becomes a question about it. */
    boolean asks() {
        return choice != null;
    }

    /** The words of the date phrase that fits several columns; empty when there is none. */
    String askedAbout() {
        return choice == null ? "" : choice.words();
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
                return spans.span(k).map(s -> spanPhrase(s, Op.EQ));
            }
            case "since" -> {
                return spans.span(i + 1).map(s -> spanPhrase(s, Op.GE));
            }
            case "after" -> {
                return spans.span(i + 1).map(s -> spanPhrase(s, Op.GT));
            }
            case "before" -> {
                return spans.span(i + 1).map(s -> spanPhrase(s, Op.LT));
            }
            case "until", "till", "through" -> {
                return spans.span(i + 1).map(s -> spanPhrase(s, Op.LE));
            }
            case "from", "between" -> {
                Optional<Span> low = spans.span(i + 1);
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
                Optional<Span> high = spans.span(k + 1);
                if (high.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(range(low.get(), high.get()));
            }
            default -> {
                if (isRelativeStart(i)) {
                    return spans.span(i).map(s -> spanPhrase(s, Op.EQ));
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
        // a column that only records changes (last_update) is never taken unless named: "films in 2006" is not
        // about when a film row was last touched
        return dated.stream()
                .filter(c -> !bookkeeping(Words.key(Words.split(c.name()))))
                .toList();
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
