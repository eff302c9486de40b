package dev.tabletalk.plannerllm;

/**
 * Estimates prompt tokens as one token per three characters. Real tokenizers give 3.5 to 4.5 characters
 * per token on schema text (identifiers tokenize more densely than prose), so the estimate errs high and a
 * prompt packed to the budget stays under it with any provider. A real tokenizer (jtokkit's o200k) would
 * be closer but takes seconds to load; the tests check prompts against it instead.
 */
final class Tokens {

    private Tokens() {}

    /** The estimated tokens of this text; never below the real count of common tokenizers. */
    static int count(String text) {
        return (text.length() + 2) / 3;
    }
}
