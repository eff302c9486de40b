package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.CHANGE_ENDS;
import static dev.tabletalk.plannerrules.Lexicon.COMPARING;
import static dev.tabletalk.plannerrules.Lexicon.CREATE_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.FILLER;
import static dev.tabletalk.plannerrules.Lexicon.READ_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.STOP;
import static dev.tabletalk.plannerrules.Lexicon.UPDATE_VERBS;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.OperatorReader.OpMatch;
import dev.tabletalk.plannerrules.SchemaIndex.Alias;
import dev.tabletalk.plannerrules.SchemaIndex.Strength;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Values: one value or a list of values of a field, typed as plan JSON carries them, and the new text of a
 * field after "to" as typed.
 */
final class ValueReader {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final OperatorReader operators;
    private final EntityReader entities;

    ValueReader(
            TokenCursor tokens,
            SchemaIndex index,
            PlanParts plan,
            ColumnMatcher columns,
            OperatorReader operators,
            EntityReader entities) {
        this.tokens = tokens;
        this.index = index;
        this.plan = plan;
        this.columns = columns;
        this.operators = operators;
        this.entities = entities;
    }

    record Value(Object value, int end) {}

    Optional<Value> value(int i, ColumnView column, boolean allowList) {
        return value(i, column, allowList, false);
    }

    /**
     * A value, or a list of values of one field: "A or B", "A, B or C", "A or name is B" ({@code allowList});
     * after an explicit "in" also "1, 2 and 3" and "(1,2,3)" ({@code explicitList}). A list never runs into
     * another field: "name is A or email is B" stops before "email".
     */
    Optional<Value> value(int i, ColumnView column, boolean allowList, boolean explicitList) {
        Optional<Value> first = single(i, column);
        if (first.isEmpty() || !allowList) {
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first.get().value());
        int k = first.get().end();
        boolean sawOr = false;
        while (true) {
            boolean comma = tokens.isComma(k);
            boolean or = tokens.peekIs(k, "or") || explicitList && tokens.peekIs(k, "and");
            if (!comma && !or) {
                break;
            }
            int next = k + 1;
            if (comma && (tokens.peekIs(next, "or") || explicitList && tokens.peekIs(next, "and"))) {
                next++;
                or = true;
            }
            OptionalInt again = sameFieldAgain(next, column);
            if (again.isEmpty()) {
                break;
            }
            next = again.getAsInt();
            Optional<Value> more = single(next, column);
            if (more.isEmpty()) {
                break;
            }
            boolean continues = tokens.isComma(more.get().end())
                    || tokens.peekIs(more.get().end(), "or")
                    || explicitList && tokens.peekIs(more.get().end(), "and");
            if (!or && !continues && !explicitList) {
                break;
            }
            items.add(more.get().value());
            sawOr |= or;
            k = more.get().end();
        }
        if (items.size() > 1 && (sawOr || explicitList)) {
            return Optional.of(new Value(List.copyOf(items), k));
        }
        return first;
    }

    /**
     * Where the next item of a list of values of {@code column} starts: right here, or after the field named
     * again ("or name is B"); empty when another field is named here ("or email is B"), which ends the list.
     */
    private OptionalInt sameFieldAgain(int i, ColumnView column) {
        int k = i;
        while (tokens.peekIs(k, "the") || tokens.peekIs(k, "a") || tokens.peekIs(k, "an")) {
            k++;
        }
        Optional<ColumnMatch> named =
                plan.target == null ? Optional.empty() : columns.columnAt(plan.target, k, Use.ANY);
        if (named.isEmpty()) {
            return OptionalInt.of(i);
        }
        Optional<OpMatch> op = operators.operator(named.get().end());
        if (!named.get().column().equals(column)
                || op.isPresent() && op.get().op() != Op.EQ && op.get().op() != Op.IN) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(op.map(OpMatch::end).orElse(named.get().end()));
    }

    private Optional<Value> single(int i, ColumnView column) {
        Optional<Token> t = tokens.peek(i);
        if (t.isEmpty() || tokens.used(i)) {
            return Optional.empty();
        }
        Token token = t.get();
        if (token.kind() == Token.Kind.NUMBER
                && column.type() == ValueType.TEXT
                && column.enumValues().isEmpty()) {
            // "(100) 555-4822": digits with punctuation stay one text value, as typed
            int k = i + 1;
            while (k < tokens.size()
                    && !tokens.used(k)
                    && (tokens.get(k).kind() == Token.Kind.NUMBER
                            || tokens.get(k).isWord()
                                    && Character.isDigit(tokens.get(k).text().charAt(0)))
                    && tokens.message()
                            .substring(tokens.get(k - 1).end(), tokens.get(k).start())
                            .matches("[\\s()\\-./]*")) {
                k++;
            }
            // "47 MySakila Drive": a number that starts an address runs on over the words after it
            while (k < tokens.size()
                    && !tokens.used(k)
                    && tokens.get(k).isWord()
                    && !STOP.contains(tokens.get(k).word())
                    && !isStrongColumnStart(k)
                    && k - i < 8) {
                k++;
            }
            if (k > i + 1) {
                return Optional.of(new Value(asTyped(i, k), k));
            }
        }
        if (token.isValue()) {
            return Optional.of(new Value(typed(List.of(token), column), i + 1));
        }
        if (!token.isWord() || STOP.contains(token.word())) {
            return Optional.empty();
        }
        if (column.type().isNumeric()
                && tokens.peek(i + 1).map(n -> n.kind() == Token.Kind.NUMBER).orElse(false)
                && !tokens.used(i + 1)) {
            // "via shipper 3", "about 30": a word before the number of a numeric field
            return single(i + 1, column);
        }
        List<Token> run = new ArrayList<>();
        int k = i;
        while (k < tokens.size() && !tokens.used(k) && run.size() < 6) {
            Token w = tokens.get(k);
            if (!w.isWord() || STOP.contains(w.word())) {
                break;
            }
            if (!run.isEmpty() && isStrongColumnStart(k)) {
                break;
            }
            run.add(w);
            k++;
            if (column.type() != ValueType.TEXT || !column.enumValues().isEmpty()) {
                // only free text runs over several words; a number, date or enum value is one word
                break;
            }
        }
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (run.size() == 1 && FILLER.contains(run.get(0).word())) {
            return Optional.empty();
        }
        if (run.size() > 1 && freeText(column)) {
            // "O'Brien & Sons": several words of free text are kept as typed, punctuation and all
            return Optional.of(new Value(asTyped(i, k), k));
        }
        if (freeText(column)
                && run.size() == 1
                && !asTyped(i, k).equals(run.get(0).text())) {
            // "Luleå.", "D.F.": one word with the punctuation that belongs to it
            return Optional.of(new Value(asTyped(i, k), k));
        }
        return Optional.of(new Value(typed(run, column), k));
    }

    /** Whether a field's own name (not a partial or a synonym) starts at {@code k}: it ends a value. */
    private boolean isStrongColumnStart(int k) {
        for (int len = Math.min(index.maxAliasWords(), tokens.size() - k); len >= 1; len--) {
            Optional<String> key = tokens.key(k, len);
            if (key.isEmpty()) {
                continue;
            }
            for (Alias<ColumnView> alias : plan.target.columnAliases(key.get())) {
                if (alias.strength() == Strength.EXACT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Typed as plan JSON carries it: Long, BigDecimal, Boolean, or text (dates stay ISO text). */
    static Object typed(List<Token> run, ColumnView column) {
        Token first = run.get(0);
        String text = run.size() == 1
                ? first.text()
                : String.join(" ", run.stream().map(Token::text).toList());
        if (!column.enumValues().isEmpty()) {
            for (String allowed : column.enumValues()) {
                if (allowed.equalsIgnoreCase(text)) {
                    return allowed;
                }
            }
            return text;
        }
        if (run.size() == 1 && first.kind() == Token.Kind.NUMBER) {
            return switch (column.type()) {
                case INTEGER -> first.number();
                case DECIMAL, FLOAT -> first.number();
                case BOOLEAN ->
                    first.text().equals("1") ? Boolean.TRUE : first.text().equals("0") ? Boolean.FALSE : first.text();
                default -> first.text();
            };
        }
        if (column.type() == ValueType.BOOLEAN) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "on", "active", "enabled" -> {
                    return Boolean.TRUE;
                }
                case "false", "no", "n", "off", "inactive", "disabled" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return text;
                }
            }
        }
        if (column.type().isNumeric() && run.size() == 1 && first.kind() == Token.Kind.QUOTED) {
            try {
                BigDecimal number = new BigDecimal(first.text().strip());
                return column.type() == ValueType.INTEGER && number.scale() <= 0
                        ? (Object) number.longValueExact()
                        : number;
            } catch (NumberFormatException | ArithmeticException e) {
                return text;
            }
        }
        return text;
    }

    static boolean freeText(ColumnView column) {
        return column.type() == ValueType.TEXT && column.enumValues().isEmpty();
    }

    /**
     * The new text of a field after "to", as typed: it runs to the end of the message or to where something
     * else starts (a condition, another field to set, the row it is for, the end of a sentence), so
     * "Pride and Prejudice", "O'Brien & Sons" and "+1 403 555 0100" are kept whole. Quoted text, e-mail
     * addresses and dates are single values and are read as such.
     */
    Optional<Value> changeText(int i) {
        Optional<Token> first = tokens.peek(i);
        if (first.isEmpty()
                || tokens.used(i)
                || first.get().kind() != Token.Kind.WORD && first.get().kind() != Token.Kind.NUMBER) {
            return Optional.empty();
        }
        int k = i;
        while (k < tokens.size() && !tokens.used(k)) {
            Token t = tokens.get(k);
            if (k > i
                    && tokens.message()
                            .substring(tokens.get(k - 1).end(), t.start())
                            .matches("(?s).*[.!?]\\s.*")) {
                break;
            }
            if (t.kind() == Token.Kind.SYMBOL
                            && (t.text().equals(",") || t.text().equals(";"))
                    || t.kind() == Token.Kind.QUOTED
                    || t.isWord() && CHANGE_ENDS.contains(t.word())) {
                break;
            }
            if ((t.is("and") || t.is("then") || t.is("also")) && somethingElseAt(k + 1)) {
                break;
            }
            if ((t.is("for") || t.is("of") || t.is("on") || t.is("in")) && entities.isTargetAt(k + 1)) {
                break;
            }
            k++;
        }
        if (k == i) {
            return Optional.empty();
        }
        return Optional.of(new Value(asTyped(i, k), k));
    }

    /**
     * The text of tokens {@code from} to {@code to} (exclusive) as typed, with the punctuation that belongs to
     * it: a sign or an opening bracket just before ("+1 403", "(171) 555-7788"), a closing bracket that one
     * inside opened ("A Corua (La Corua)"), and the full stop of an abbreviation ending in one letter
     * ("México D.F.", "Frankfurt a.M."). A full stop after a longer word ends the sentence and is left out.
     */
    String asTyped(int from, int to) {
        String message = tokens.message();
        int start = tokens.get(from).start();
        if (start > 0 && (message.charAt(start - 1) == '+' || message.charAt(start - 1) == '(')) {
            start--;
        }
        int end = tokens.get(to - 1).end();
        String text = message.substring(start, end);
        long open = text.chars().filter(c -> c == '(').count();
        long close = text.chars().filter(c -> c == ')').count();
        while (open > close && end < message.length() && message.charAt(end) == ')') {
            end++;
            close++;
        }
        Token last = tokens.get(to - 1);
        boolean abbreviation = last.isWord()
                && last.text().length() == 1
                && Character.isLetter(last.text().charAt(0))
                && last.start() > 0
                && message.charAt(last.start() - 1) == '.';
        if (abbreviation && end < message.length() && message.charAt(end) == '.') {
            end++;
        }
        return message.substring(start, end).strip();
    }

    /** Whether another part of the request starts at {@code k}: a field, a verb, or the entity. */
    private boolean somethingElseAt(int k) {
        int at = k;
        while (tokens.peekIs(at, "the")
                || tokens.peekIs(at, "its")
                || tokens.peekIs(at, "a")
                || tokens.peekIs(at, "an")) {
            at++;
        }
        Optional<Token> t = tokens.peek(at);
        return t.isEmpty()
                || !t.get().isWord()
                || columns.columnAt(plan.target, at, Use.ANY).isPresent()
                || READ_VERBS.contains(t.get().word())
                || CREATE_VERBS.contains(t.get().word())
                || UPDATE_VERBS.contains(t.get().word())
                || entities.isTargetAt(at)
                || COMPARING.contains(t.get().word());
    }

    /** The end of the value starting at {@code k}: one value token, or a run of plain words. */
    int valueEnd(int k) {
        if (tokens.peek(k).map(Token::isValue).orElse(false)) {
            return k + 1;
        }
        int end = k;
        while (end < tokens.size()
                && end - k < 6
                && tokens.get(end).isWord()
                && !STOP.contains(tokens.get(end).word())) {
            end++;
        }
        return end;
    }
}
