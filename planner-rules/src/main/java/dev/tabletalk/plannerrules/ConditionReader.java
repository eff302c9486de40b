package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.FILLER;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.FlagReader.Flag;
import dev.tabletalk.plannerrules.OperatorReader.OpMatch;
import dev.tabletalk.plannerrules.ValueReader.Value;
import java.util.List;
import java.util.Optional;

/**
 * Conditions and changes on a named field: how it is compared or set and to what, "with"/"without",
 * "named", "to ...", "mark ... as", and comparisons that name no field ("over 100").
 */
final class ConditionReader {

    private final TokenCursor tokens;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final OperatorReader operators;
    private final ValueReader values;
    private final FlagReader flags;
    private final EntityReader entities;
    private final LeftOutChecks checks;
    private final DateReader dates;

    ConditionReader(
            TokenCursor tokens,
            PlanParts plan,
            ColumnMatcher columns,
            OperatorReader operators,
            ValueReader values,
            FlagReader flags,
            EntityReader entities,
            LeftOutChecks checks,
            DateReader dates) {
        this.tokens = tokens;
        this.plan = plan;
        this.columns = columns;
        this.operators = operators;
        this.values = values;
        this.flags = flags;
        this.entities = entities;
        this.checks = checks;
        this.dates = dates;
    }

    /**
     * A field was named at {@code start}..{@code j}: read how it is compared or set, and the value. In an update,
     * a field named right after the rows it is "of" ("set the email of customers of store 1 to ...") chooses the
     * rows: it is a condition, never a change.
     */
    int condition(ColumnView column, int jAfterName, int start) {
        if (plan.intent != Intent.UPDATE || plan.filterMode || !scopesTheRows(start)) {
            return compared(column, jAfterName, start);
        }
        plan.filterMode = true;
        try {
            return compared(column, jAfterName, start);
        } finally {
            plan.filterMode = false;
        }
    }

    /** Whether the field at {@code start} follows "of", "in", "from" or "at" right after the target's name. */
    private boolean scopesTheRows(int start) {
        int k = start - 1;
        while (tokens.peekIs(k, "the") || tokens.peekIs(k, "a") || tokens.peekIs(k, "an")) {
            k--;
        }
        return plan.targetMention != null
                && k == plan.targetMention.end()
                && (tokens.peekIs(k, "of")
                        || tokens.peekIs(k, "in")
                        || tokens.peekIs(k, "from")
                        || tokens.peekIs(k, "at"));
    }

    private int compared(ColumnView column, int jAfterName, int start) {
        int j = jAfterName;
        while (tokens.peekIs(j, "flag")
                || tokens.peekIs(j, "field")
                || tokens.peekIs(j, "column")
                || tokens.peekIs(j, "value")
                || tokens.peekIs(j, "attribute")) {
            j++;
        }
        if ((tokens.peekIs(j, "of") || tokens.peekIs(j, "for") || tokens.peekIs(j, "on"))
                && entities.isTargetAt(j + 1)) {
            // "change the email of customer 5 to ...": remember the field, the value comes after "to"
            plan.pending = column;
            return j + 1;
        }
        if (plan.targetMention != null && j == plan.targetMention.start() && plan.intent == Intent.UPDATE) {
            plan.pending = column;
            return j;
        }
        int dated = plan.intent == Intent.CREATE ? -1 : dates.onColumn(column, j);
        if (dated >= 0) {
            return dated; // #13: "hired in 1993", "order date since March 2024"
        }
        Optional<OpMatch> match = operators.operator(j);
        Op op = match.map(OpMatch::op).orElse(Op.EQ);
        int k = match.map(OpMatch::end).orElse(j);
        boolean setTo = match.map(OpMatch::setTo).orElse(false);
        if (op.isNullCheck()) {
            plan.add(column, op, null, false);
            return k;
        }
        if (op == Op.BETWEEN) {
            Optional<Value> low = values.value(k, column, false);
            if (low.isPresent() && tokens.peekIs(low.get().end(), "and")) {
                Optional<Value> high = values.value(low.get().end() + 1, column, false);
                if (high.isPresent()) {
                    plan.add(
                            column,
                            Op.BETWEEN,
                            List.of(low.get().value(), high.get().value()),
                            false);
                    tokens.place(k, high.get().end());
                    return high.get().end();
                }
            }
            return k;
        }
        Optional<Value> value = setTo && plan.intent == Intent.UPDATE && ValueReader.freeText(column)
                ? values.changeText(k).or(() -> values.value(k, column, false))
                : values.value(k, column, op == Op.EQ || op == Op.IN || op == Op.NE, op == Op.IN);
        if (value.isPresent()
                && column.type().isTemporal()
                && !(tokens.peek(k).map(Token::isValue).orElse(false))) {
            // "shipped to Brazil": a plain word is no date, so "shipped" did not name the date field here
            return start + 1;
        }
        if (value.isEmpty()) {
            if (match.isEmpty()
                    && column.type() == ValueType.BOOLEAN
                    && (plan.intent == Intent.READ || plan.filterMode)) {
                // "show active staff"
                plan.add(column, Op.EQ, Boolean.TRUE, false);
            } else if (match.isEmpty()
                    && plan.intent == Intent.READ
                    && start > 0
                    && (tokens.peekIs(start - 1, "with")
                            || tokens.peekIs(start - 1, "has")
                            || tokens.peekIs(start - 1, "have")
                            || tokens.peekIs(start - 2, "with")
                                    && (tokens.peekIs(start - 1, "a") || tokens.peekIs(start - 1, "an")))) {
                // "customers with an email"
                plan.add(column, Op.IS_NOT_NULL, null, false);
            } else if (match.isEmpty() && plan.verb.equals("rename") && column != null) {
                plan.pending = column;
            }
            return Math.max(k, start + 1);
        }
        Object v = value.get().value();
        if (op == Op.IN && !(v instanceof List)) {
            op = Op.EQ;
        }
        if (v instanceof List && op == Op.EQ) {
            op = Op.IN;
        }
        tokens.place(k, value.get().end());
        if (v instanceof List<?> items && op == Op.NE) {
            // "status is not open or paid": neither of them, every item kept
            for (Object item : items) {
                plan.add(column, Op.NE, item, setTo);
            }
            return value.get().end();
        }
        plan.add(column, op, v, setTo);
        return value.get().end();
    }

    int with(int i) {
        if (tokens.peekIs(i + 1, "no") || tokens.peekIs(i + 1, "out")) {
            return nullCheck(i + 2, Op.IS_NULL).orElse(i + 2);
        }
        if (plan.intent == Intent.UPDATE) {
            // "update customer 5 with email x" sets; "update customers with city X set ..." filters
            plan.filterMode = tokens.laterWord(i, "set") || tokens.laterWord(i, "to");
        } else if (plan.intent == Intent.READ) {
            plan.filterMode = true;
        }
        return i + 1;
    }

    /** "not returned", "have not been shipped", "never returned": the date of that event is empty. */
    int notYet(int i) {
        int k = i + 1;
        while (tokens.peekIs(k, "been")
                || tokens.peekIs(k, "yet")
                || tokens.peekIs(k, "be")
                || tokens.peekIs(k, "not")) {
            k++;
        }
        Optional<ColumnMatch> column = columns.columnAt(plan.target, k, Use.FILTER);
        if (column.isPresent()
                && column.get().column().type().isTemporal()
                && column.get().column().nullable()
                && (plan.intent == Intent.READ || plan.filterMode)) {
            plan.filters.add(Filter.of(column.get().column().name(), Op.IS_NULL, null));
            return column.get().end();
        }
        return i;
    }

    Optional<Integer> nullCheck(int i, Op op) {
        int k = i;
        while (tokens.peek(k)
                .map(t -> FILLER.contains(t.word()) || t.is("a") || t.is("an") || t.is("any"))
                .orElse(false)) {
            k++;
        }
        Optional<ColumnMatch> column = columns.columnAt(plan.target, k, Use.FILTER);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        if (plan.intent == Intent.READ || plan.intent == Intent.UPDATE) {
            plan.filters.add(Filter.of(column.get().column().name(), op, null));
        }
        return Optional.of(column.get().end());
    }

    /** "named Ada", "called 'Horror'", "titled X": the entity's name or title field. */
    int named(int i, boolean title) {
        Optional<ColumnView> name = SchemaIndex.nameColumn(plan.target, title);
        if (name.isEmpty()) {
            return i;
        }
        ColumnView column = name.get();
        Optional<Value> value = values.value(i, column, plan.intent == Intent.READ);
        if (value.isEmpty()) {
            return i;
        }
        setName(column, value.get().value());
        tokens.place(i, value.get().end());
        return value.get().end();
    }

    /** Sets or filters the name; "Ada Lovelace" for an entity with first and last names sets both. */
    void setName(ColumnView column, Object v) {
        Optional<ColumnView> last = plan.target.columns().stream()
                .filter(c -> Words.key(Words.split(c.name())).equals("lastname"))
                .findFirst();
        if (Words.key(Words.split(column.name())).equals("firstname")
                && last.isPresent()
                && v instanceof String text
                && text.strip().contains(" ")) {
            String[] parts = text.strip().split("\\s+", 2);
            plan.add(column, Op.EQ, parts[0], false);
            plan.add(last.get(), Op.EQ, parts[1], false);
        } else {
            plan.add(column, v instanceof List ? Op.IN : Op.EQ, v, plan.verb.equals("rename"));
        }
    }

    /** "to ...": the value of a remembered field, a rename, or "move ... to store 2". */
    int to(int i) {
        if (plan.intent != Intent.UPDATE) {
            return i;
        }
        ColumnView column = plan.pending;
        if (column == null && plan.verb.equals("rename")) {
            column = SchemaIndex.nameColumn(plan.target, false).orElse(null);
        }
        if (column == null) {
            Optional<ColumnMatch> named = columns.columnAt(plan.target, i, Use.WRITE);
            if (named.isPresent()) {
                Optional<Value> value =
                        values.value(named.get().end(), named.get().column(), false);
                if (value.isPresent()) {
                    plan.fields.put(named.get().column().name(), value.get().value());
                    tokens.place(named.get().end(), value.get().end());
                    return value.get().end();
                }
            }
            if (checks.unknownChange(i - 1)) {
                return i;
            }
            if (plan.verb.equals("mark")
                    || plan.verb.equals("set")
                    || plan.verb.equals("change")
                    || plan.verb.equals("switch")) {
                return mark(i);
            }
            return i;
        }
        ColumnView changed = column;
        Optional<Value> value = ValueReader.freeText(changed)
                ? values.changeText(i).or(() -> values.value(i, changed, false))
                : values.value(i, changed, false);
        if (value.isEmpty()) {
            return i;
        }
        plan.fields.put(column.name(), value.get().value());
        tokens.place(i, value.get().end());
        plan.pending = null;
        return value.get().end();
    }

    /** "mark order 5 as shipped", "mark staff 2 as inactive": find the field the word is a value of. */
    int mark(int i) {
        Optional<Token> t = tokens.peek(i);
        if (t.isEmpty() || t.get().kind() == Token.Kind.SYMBOL) {
            return i;
        }
        String word =
                t.get().kind() == Token.Kind.QUOTED ? t.get().text() : t.get().word();
        for (ColumnView column : plan.target.columns()) {
            for (String allowed : column.enumValues()) {
                if (allowed.equalsIgnoreCase(word) && column.has(FieldRole.UPDATE)) {
                    plan.fields.put(column.name(), allowed);
                    tokens.place(i, i + 1);
                    return i + 1;
                }
            }
        }
        Optional<Flag> flag = flags.adjective(i);
        if (flag.isPresent()) {
            plan.fields.put(flag.get().column().name(), flag.get().value());
            return flag.get().end();
        }
        Optional<ColumnView> status = plan.target.columns().stream()
                .filter(c -> c.has(FieldRole.UPDATE))
                .filter(c -> Words.key(Words.split(c.name())).matches("(status|state)"))
                .findFirst();
        if (status.isPresent()) {
            Optional<Value> value = values.value(i, status.get(), false);
            if (value.isPresent()) {
                plan.fields.put(status.get().name(), value.get().value());
                tokens.place(i, value.get().end());
                return value.get().end();
            }
        }
        return i + 1;
    }

    /** "over 100", "before 2005-06-01", "between 10 and 20" without a field: the amount or date field. */
    int comparisonWithoutField(int i) {
        Optional<OpMatch> op = operators.phraseOperator(i);
        if (op.isEmpty()
                || op.get().op() == Op.EQ
                || op.get().op() == Op.NE
                || op.get().op() == Op.IN
                || op.get().op().isNullCheck()) {
            return i;
        }
        int k = op.get().end();
        if (op.get().op().isTextMatch()) {
            Optional<ColumnView> name = SchemaIndex.nameColumn(plan.target, false);
            Optional<Value> text = name.flatMap(c -> values.value(k, c, false));
            if (text.isPresent() && text.get().value() instanceof String) {
                plan.add(name.get(), op.get().op(), text.get().value(), false);
                tokens.place(k, text.get().end());
                return text.get().end();
            }
            return i;
        }
        Optional<Token> first = tokens.peek(k);
        if (first.isEmpty() || !first.get().isValue()) {
            return i;
        }
        boolean size = tokens.peekIs(i, "longer") || tokens.peekIs(i, "shorter");
        if (first.get().kind() == Token.Kind.NUMBER && op.get().op() != Op.BETWEEN) {
            Optional<ColumnMatch> after = columns.columnAt(plan.target, k + 1, Use.FILTER);
            if (after.isPresent() && after.get().column().type().isNumeric()) {
                plan.add(
                        after.get().column(),
                        op.get().op(),
                        ValueReader.typed(List.of(first.get()), after.get().column()),
                        false);
                tokens.place(k, k + 1);
                return after.get().end();
            }
        }
        Optional<ColumnView> column = first.get().kind() == Token.Kind.DATE
                ? SchemaIndex.dateColumn(plan.target)
                : first.get().kind() != Token.Kind.NUMBER
                        ? Optional.empty()
                        : size ? SchemaIndex.lengthColumn(plan.target) : SchemaIndex.amountColumn(plan.target);
        if (column.isEmpty()) {
            return i;
        }
        if (op.get().op() == Op.BETWEEN) {
            if (tokens.peekIs(k + 1, "and")
                    && tokens.peek(k + 2).map(Token::isValue).orElse(false)) {
                plan.add(
                        column.get(),
                        Op.BETWEEN,
                        List.of(
                                ValueReader.typed(List.of(first.get()), column.get()),
                                ValueReader.typed(List.of(tokens.get(k + 2)), column.get())),
                        false);
                tokens.place(k, k + 3);
                return k + 3;
            }
            return i;
        }
        // "fewer than 20 units in stock": the field may follow the number
        Optional<ColumnMatch> named = columns.columnAt(plan.target, k + 1, Use.FILTER);
        if (named.isPresent()
                && named.get().column().type().isNumeric()
                        == column.get().type().isNumeric()) {
            plan.add(
                    named.get().column(),
                    op.get().op(),
                    ValueReader.typed(List.of(first.get()), named.get().column()),
                    false);
            tokens.place(k, k + 1);
            return named.get().end();
        }
        plan.add(column.get(), op.get().op(), ValueReader.typed(List.of(first.get()), column.get()), false);
        tokens.place(k, k + 1);
        return k + 1;
    }
}
