package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.CREATE_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.KNOWN_FILLER;
import static dev.tabletalk.plannerrules.Lexicon.UNITS;
import static dev.tabletalk.plannerrules.Lexicon.UPDATE_VERBS;

import dev.tabletalk.core.plan.Intent;
import java.util.Optional;

/**
 * The last check of invariant 11: every word of the message was used (verb, entity, key), placed (a value) or
 * read into the plan by a reader (a field, an operator, a sort, a limit), or is a known filler word ("the",
 * "show", "please"). Words that are none of these ("from Germany" where no field takes it, "shipped late",
 * "good") were not understood, and the request is refused naming them rather than planned without them.
 */
final class UnplacedWords {

    private final TokenCursor tokens;
    private final PlanParts plan;

    UnplacedWords(TokenCursor tokens, PlanParts plan) {
        this.tokens = tokens;
        this.plan = plan;
    }

    /** The first run of words that went nowhere, widened to the filler words around it, as a refusal. */
    Optional<LeftOut> find() {
        for (int i = 0; i < tokens.size(); i++) {
            if (!unaccounted(i)) {
                continue;
            }
            int to = i + 1;
            while (to < tokens.size() && (unaccounted(to) || filler(to) && followsUnaccounted(to))) {
                to++;
            }
            while (to > i + 1 && filler(to - 1)) {
                to--;
            }
            int from = i;
            while (from > 0 && filler(from - 1) && !tokens.get(from - 1).is("the") && from - 1 != plan.verbAt) {
                from--;
            }
            if (tokens.get(i).is("or")) {
                return Optional.of(LeftOut.orAcrossFields(tokens.text(i, to), plan.intent));
            }
            return Optional.of(LeftOut.notUnderstood(plan.target, tokens.text(from, to), plan.intent));
        }
        return Optional.empty();
    }

    private boolean unaccounted(int i) {
        Token t = tokens.get(i);
        if (tokens.accounted(i) || t.kind() == Token.Kind.SYMBOL && (t.is(",") || t.is(";") || t.is(":"))) {
            return false;
        }
        if (!t.isWord()) {
            return t.kind() == Token.Kind.SYMBOL;
        }
        boolean unit = UNITS.contains(t.word())
                && i > 0
                && tokens.accounted(i - 1)
                && tokens.get(i - 1).isValue();
        // "add a new customer", "update customer 5 and change ...": a second verb of the same intent
        boolean sameVerb = plan.intent == Intent.CREATE && CREATE_VERBS.contains(t.word())
                || plan.intent == Intent.UPDATE && UPDATE_VERBS.contains(t.word());
        return !KNOWN_FILLER.contains(t.word()) && !unit && !sameVerb;
    }

    private boolean filler(int i) {
        return tokens.get(i).isWord()
                && !tokens.accounted(i)
                && KNOWN_FILLER.contains(tokens.get(i).word());
    }

    /** Whether an unaccounted word follows {@code i} after filler words only ("from the city of X"). */
    private boolean followsUnaccounted(int i) {
        int k = i;
        while (k < tokens.size() && filler(k)) {
            k++;
        }
        return k < tokens.size() && unaccounted(k);
    }
}
