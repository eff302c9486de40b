package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.CREATE_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.READ_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.UPDATE_VERBS;

import dev.tabletalk.core.plan.Intent;

/** The intent: the verb of the message, and whether a word is disguised with lookalike letters. */
final class IntentReader {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlanParts plan;

    IntentReader(TokenCursor tokens, SchemaIndex index, PlanParts plan) {
        this.tokens = tokens;
        this.index = index;
        this.plan = plan;
    }

    int findVerb() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isWord()) {
                continue;
            }
            String w = t.word();
            Intent found = null;
            if (w.equals("how")
                    && tokens.next(i).map(n -> n.is("many") || n.is("much")).orElse(false)) {
                found = Intent.READ;
            } else if (w.equals("look")
                    && tokens.next(i).map(n -> n.is("up") || n.is("for")).orElse(false)) {
                found = Intent.READ;
            } else if ((w.equals("is") || w.equals("are"))
                    && i == 0
                    && tokens.next(i).map(n -> n.is("there")).orElse(false)) {
                found = Intent.READ;
            } else if (READ_VERBS.contains(w)) {
                found = Intent.READ;
            } else if (CREATE_VERBS.contains(w) && !(w.equals("new") && !startsTheMessage(i))) {
                // "new" is a verb only where it starts the message ("new city 'Springfield'", "a new shipper"):
                // "suppliers in New Orleans" is a read
                found = Intent.CREATE;
            } else if (UPDATE_VERBS.contains(w)) {
                found = Intent.UPDATE;
            }
            if (found != null) {
                plan.intent = found;
                plan.verb = w;
                return i;
            }
        }
        return -1;
    }

    private boolean startsTheMessage(int i) {
        for (int k = 0; k < i; k++) {
            if (!tokens.get(k).is("a")
                    && !tokens.get(k).is("an")
                    && !tokens.get(k).is("please")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a word outside quotes is a name or keyword spelt with lookalike letters ("\u0441ustomers"):
     * such a message is not guessed at. Words with other non-ASCII letters ("M\u00fcnchen") are fine.
     */
    boolean disguisedName() {
        for (Token t : tokens.all()) {
            if (!t.isWord() || t.ascii() || index.isNameWord(t.word())) {
                continue;
            }
            String skeleton = Words.skeleton(t.text());
            if (skeleton.equals(t.word()) || !Words.isAscii(skeleton)) {
                continue;
            }
            String key = Words.singular(skeleton);
            boolean known = index.isNameWord(skeleton)
                    || index.isNameWord(key)
                    || Words.COMMON.contains(skeleton)
                    || !index.entityAliases(key).isEmpty()
                    || READ_VERBS.contains(skeleton)
                    || CREATE_VERBS.contains(skeleton)
                    || UPDATE_VERBS.contains(skeleton);
            if (known) {
                return true;
            }
        }
        return false;
    }
}
