package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.COMPARING;
import static dev.tabletalk.plannerrules.Lexicon.CREATE_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.FILLER;
import static dev.tabletalk.plannerrules.Lexicon.READ_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.STOP;
import static dev.tabletalk.plannerrules.Lexicon.UPDATE_VERBS;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.FlagReader.Flag;
import dev.tabletalk.plannerrules.OperatorReader.OpMatch;
import java.util.List;
import java.util.Optional;

/**
 * Nothing left out (invariant 11): parts of the message that could not be placed in the plan, of which the
 * first found is refused.
 */
final class LeftOutChecks {

    private final TokenCursor tokens;
    private final RulesPlannerConfig config;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final OperatorReader operators;
    private final FlagReader flags;
    private final EntityReader entities;
    private final ValueReader values;

    LeftOutChecks(
            TokenCursor tokens,
            RulesPlannerConfig config,
            PlanParts plan,
            ColumnMatcher columns,
            OperatorReader operators,
            FlagReader flags,
            EntityReader entities,
            ValueReader values) {
        this.tokens = tokens;
        this.config = config;
        this.plan = plan;
        this.columns = columns;
        this.operators = operators;
        this.flags = flags;
        this.entities = entities;
        this.values = values;
    }

    /**
     * "where nonexistent is 5", "and favourite colour = 'blue'": words naming no field, then a comparison and
     * a value. Such a condition is never dropped: the request is refused, naming it.
     */
    void unknownField(int from) {
        if (plan.leftOut != null || plan.target == null) {
            return;
        }
        int start = from;
        while (tokens.peek(start)
                .map(t -> t.isWord() && FILLER.contains(t.word()) && !t.is("of"))
                .orElse(false)) {
            start++;
        }
        int k = start;
        while (k < tokens.size() && k - start < 3) {
            Token t = tokens.get(k);
            if (!t.isWord()
                    || tokens.used(k)
                    || STOP.contains(t.word())
                    || COMPARING.contains(t.word())
                    || t.is("not")
                    || t.is("no")
                    || !namesNothing(k)) {
                break;
            }
            k++;
        }
        if (k == start || !tokens.peek(k).map(t -> COMPARING.contains(t.word())).orElse(false)) {
            return;
        }
        Optional<OpMatch> op = operators.operator(k);
        if (op.isEmpty()) {
            return;
        }
        int end = op.get().end();
        if (!op.get().op().isNullCheck()) {
            Optional<Token> value = tokens.peek(end);
            if (value.isEmpty()
                    || !value.get().isValue()
                            && !(value.get().isWord()
                                    && !STOP.contains(value.get().word()))) {
                return;
            }
            end = values.valueEnd(end);
        }
        tokens.place(start, end);
        boolean change = plan.intent == Intent.CREATE || plan.intent == Intent.UPDATE && !plan.filterMode;
        plan.leftOut = LeftOut.unknownField(
                plan.target,
                tokens.text(start, k),
                tokens.text(start, end),
                change ? LeftOut.Part.CHANGE : LeftOut.Part.CONDITION,
                plan.intent);
    }

    /** Whether the word at {@code k} names no field, entity, flag or enum value and is no common word. */
    private boolean namesNothing(int k) {
        Token t = tokens.get(k);
        return !Words.COMMON.contains(t.word())
                && !FILLER.contains(t.word())
                && !READ_VERBS.contains(t.word())
                && !CREATE_VERBS.contains(t.word())
                && !UPDATE_VERBS.contains(t.word())
                && columns.columnAt(plan.target, k, Use.ANY).isEmpty()
                && !flags.adjectiveOf(k)
                && entities.mentionAt(k).isEmpty();
    }

    /**
     * "set nonexistent to 3 for customer 5", "set the nonexistent of customer 5 to 3": before "to" (at
     * {@code toAt}) words that name no field. True (and refused) when found: no other field gets the value.
     */
    boolean unknownChange(int toAt) {
        if (plan.leftOut != null || plan.intent != Intent.UPDATE) {
            return plan.leftOut != null;
        }
        int from = -1;
        int to = -1;
        for (int k = Math.max(plan.verbAt + 1, 0); k < toAt; k++) {
            Token t = tokens.get(k);
            if (tokens.used(k) || tokens.placed(k) || !t.isWord() || STOP.contains(t.word()) || !namesNothing(k)) {
                continue;
            }
            from = from < 0 ? k : from;
            to = k + 1;
        }
        if (from < 0) {
            return false;
        }
        int end = values.valueEnd(toAt + 1);
        tokens.place(toAt + 1, end);
        plan.leftOut = LeftOut.unknownField(
                plan.target,
                tokens.text(from, to),
                tokens.text(from, to) + " to " + tokens.text(toAt + 1, end),
                LeftOut.Part.CHANGE,
                plan.intent);
        return true;
    }

    /**
     * "name is A or email is B", "price under 5 or over 10": "or" between conditions that cannot be one list
     * of values of one field. Plans combine conditions with "and" only, so this is refused, never half-read.
     */
    void orAcrossFields(int i) {
        if (plan.leftOut != null || plan.intent != Intent.READ && !plan.filterMode || plan.filters.isEmpty()) {
            return;
        }
        int k = i + 1;
        while (tokens.peekIs(k, "the")
                || tokens.peekIs(k, "a")
                || tokens.peekIs(k, "an")
                || tokens.peekIs(k, "its")
                || tokens.peekIs(k, "whose")
                || tokens.peekIs(k, "where")) {
            k++;
        }
        Optional<ColumnMatch> column = columns.columnAt(plan.target, k, Use.FILTER);
        Optional<Flag> flag = flags.adjective(k);
        Optional<OpMatch> op = operators.operator(k);
        boolean condition = column.isPresent()
                || flag.isPresent()
                || op.isPresent()
                        && op.get().op() != Op.EQ
                        && op.get().op() != Op.IN
                        && !op.get().op().isNullCheck();
        if (!condition) {
            return;
        }
        int end = column.map(c -> values.valueEnd(
                        operators.operator(c.end()).map(OpMatch::end).orElse(c.end())))
                .orElseGet(() -> flag.map(Flag::end)
                        .orElseGet(() -> values.valueEnd(op.get().end())));
        if (plan.intent == Intent.READ) {
            // "status is vip or city is London": alternatives, joined when the plan is put out (PlanParts.conditions)
            plan.orMarks.add(plan.filters.size());
            plan.orText.add(tokens.text(i, end));
            tokens.read(i, i + 1);
            return;
        }
        tokens.place(i, end);
        plan.leftOut = LeftOut.orAcrossFields(tokens.text(i, end), plan.intent);
    }

    /** Whether the words just before {@code to} are the start of the tenant column's name ("company" of company_id). */
    private boolean namesTheTenant(int from, int to) {
        List<String> tenant = Words.split(config.tenantColumn());
        for (int start = from; start < to; start++) {
            boolean all = to - start <= tenant.size();
            for (int k = start; all && k < to; k++) {
                all = Words.singular(tokens.get(k).word()).equals(Words.singular(tenant.get(k - start)));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value typed in the message that went nowhere ("customers with ids 1, 2, 3" read as no condition at
     * all): the part around it, from the words just before it to the last value joined to it.
     */
    Optional<LeftOut> unplacedValue() {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isValue() || tokens.placed(i) || tokens.used(i)) {
                continue;
            }
            int from = i;
            while (from > 0
                    && from > i - 3
                    && !tokens.placed(from - 1)
                    && !tokens.used(from - 1)
                    && tokens.get(from - 1).isWord()
                    && !STOP.contains(tokens.get(from - 1).word())
                    && !FILLER.contains(tokens.get(from - 1).word())
                    && from - 1 != plan.verbAt) {
                from--;
            }
            int to = i + 1;
            while (to + 1 < tokens.size()
                    && (tokens.isComma(to) || tokens.peekIs(to, "and") || tokens.peekIs(to, "or"))
                    && tokens.get(to + 1).isValue()
                    && !tokens.placed(to + 1)
                    && !tokens.used(to + 1)) {
                to += 2;
            }
            if (namesTheTenant(from, i)) {
                // "their orders at company 202": the tenant is never chosen by a message, and said so
                return Optional.of(new LeftOut(RulesPlanner.tenantRefusal(config.tenantColumn())));
            }
            return Optional.of(LeftOut.unplaced(plan.target, tokens.text(from, to), plan.intent));
        }
        return Optional.empty();
    }
}
