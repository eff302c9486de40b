package dev.tabletalk.plannerrules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens of one message and what became of each: used (it named the verb, the entity or a key) or
 * placed (a value that went into the plan). Readers look ahead and back by position.
 */
final class TokenCursor {

    private final String message;
    private final SchemaIndex index;
    private final List<Token> tokens;
    private final boolean[] used;
    /** Value tokens (numbers, quoted text, e-mails, dates) that went into the plan: none may be left out. */
    private final boolean[] placed;
    /** Words a reader took a part of the plan from (a field, an operator, a sort, a limit): accounted for. */
    private final boolean[] read;

    /**
     * Lookup keys of word runs, by start and length, once worked out: readers ask for the same runs again and
     * again while they look ahead (#17). Whether a run is used is checked on every call, never remembered.
     */
    private final Map<Integer, Optional<String>> keys = new HashMap<>();

    /** The cursor over {@code tokens}, the message as {@link Tokenizer#tokenize} split it. */
    TokenCursor(String message, List<Token> tokens, SchemaIndex index) {
        this.message = message;
        this.index = index;
        this.tokens = tokens;
        this.used = new boolean[tokens.size()];
        this.placed = new boolean[tokens.size()];
        this.read = new boolean[tokens.size()];
    }

    String message() {
        return message;
    }

    List<Token> all() {
        return tokens;
    }

    int size() {
        return tokens.size();
    }

    Token get(int i) {
        return tokens.get(i);
    }

    boolean used(int i) {
        return used[i];
    }

    void use(int i) {
        used[i] = true;
    }

    boolean placed(int i) {
        return placed[i];
    }

    void place(int from, int to) {
        for (int k = Math.max(0, from); k < Math.min(to, tokens.size()); k++) {
            placed[k] = true;
        }
    }

    /** Whether the token at {@code i} went into the plan in any way: used, placed or read by a reader. */
    boolean accounted(int i) {
        return used[i] || placed[i] || read[i];
    }

    /** Marks tokens {@code from} (inclusive) to {@code to} (exclusive) as read into the plan. */
    void read(int from, int to) {
        for (int k = Math.max(0, from); k < Math.min(to, tokens.size()); k++) {
            read[k] = true;
        }
    }

    Optional<Token> peek(int i) {
        return i >= 0 && i < tokens.size() ? Optional.of(tokens.get(i)) : Optional.empty();
    }

    Optional<Token> next(int i) {
        return peek(i + 1);
    }

    boolean peekIs(int i, String word) {
        return peek(i).map(t -> t.kind() != Token.Kind.QUOTED
                        && (t.word().equals(word) || t.text().equals(word)))
                .orElse(false);
    }

    boolean isComma(int k) {
        return peek(k).map(t -> t.kind() == Token.Kind.SYMBOL && t.text().equals(","))
                .orElse(false);
    }

    boolean laterWord(int i, String word) {
        for (int k = i + 1; k < tokens.size(); k++) {
            if (peekIs(k, word)) {
                return true;
            }
        }
        return false;
    }

    /** The message as typed from token {@code from} up to token {@code to} (exclusive). */
    String text(int from, int to) {
        if (to <= from || from >= tokens.size()) {
            return "";
        }
        return message.substring(
                        tokens.get(from).start(),
                        tokens.get(Math.min(to, tokens.size()) - 1).end())
                .strip();
    }

    /** The matching key of {@code len} words from {@code i}, if they are all plain words. */
    Optional<String> key(int i, int len) {
        for (int k = i; k < i + len; k++) {
            if (k < tokens.size() && used[k]) {
                return Optional.empty();
            }
        }
        if (i < 0 || len < 0 || i + len > tokens.size()) {
            return wordsKey(i, len);
        }
        return keys.computeIfAbsent(i * (tokens.size() + 1) + len, k -> wordsKey(i, len));
    }

    /** The key of a run of words, whether used or not. */
    private Optional<String> wordsKey(int i, int len) {
        List<String> words = new ArrayList<>();
        for (int k = i; k < i + len; k++) {
            Token t = tokens.get(k);
            if (!t.isWord()) {
                return Optional.empty();
            }
            // INV-6 and lookalikes: a word with letters outside ASCII is compared only if a catalog name has it
            if (!t.ascii() && !index.isNameWord(t.word())) {
                return Optional.empty();
            }
            words.addAll(Words.split(t.word()));
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Words.key(words));
    }
}
