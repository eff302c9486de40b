package dev.tabletalk.plannerrules;

import dev.tabletalk.core.plan.Op;
import java.util.List;
import java.util.Optional;

/** Comparison words after a field's name ("is over", "at most", "to"): which operator they mean. */
final class OperatorReader {

    private final TokenCursor tokens;

    OperatorReader(TokenCursor tokens) {
        this.tokens = tokens;
    }

    record OpMatch(Op op, boolean setTo, int end) {}

    Optional<OpMatch> operator(int j) {
        int k = j;
        // "is over", "are above", "was before": the copula adds nothing
        if ((tokens.peekIs(k, "is") || tokens.peekIs(k, "are") || tokens.peekIs(k, "was"))
                && !tokens.peekIs(k + 1, "not")
                && !tokens.peekIs(k + 1, "null")
                && !tokens.peekIs(k + 1, "empty")
                && !tokens.peekIs(k + 1, "missing")
                && !tokens.peekIs(k + 1, "blank")
                && !tokens.peekIs(k + 1, "set")
                && !tokens.peekIs(k + 1, "unknown")
                && !tokens.peekIs(k + 1, "present")
                && !tokens.peekIs(k + 1, "known")
                && !tokens.peekIs(k + 1, "filled")
                && !tokens.peekIs(k + 1, "equal")) {
            Optional<OpMatch> after = phraseOperator(k + 1);
            if (after.isPresent() && after.get().op() != Op.EQ) {
                return after;
            }
        }
        if (tokens.peekIs(k, "to")) {
            return Optional.of(new OpMatch(Op.EQ, true, k + 1));
        }
        if (tokens.peekIs(k, "of")) {
            // "a unit price of at most 15"
            Optional<OpMatch> after = phraseOperator(k + 1);
            if (after.isPresent() && after.get().op() != Op.EQ && after.get().op() != Op.IN) {
                return after;
            }
        }
        return phraseOperator(k);
    }

    Optional<OpMatch> phraseOperator(int k) {
        for (Operators.Phrase phrase : Operators.PHRASES) {
            List<String> words = phrase.words();
            boolean match = true;
            for (int n = 0; n < words.size(); n++) {
                Optional<Token> t = tokens.peek(k + n);
                if (t.isEmpty()
                        || t.get().kind() == Token.Kind.QUOTED
                        || !t.get().word().equals(words.get(n))) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return Optional.of(new OpMatch(phrase.op(), false, k + words.size()));
            }
        }
        return Optional.empty();
    }
}
