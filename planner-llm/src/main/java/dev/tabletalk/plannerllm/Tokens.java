package dev.tabletalk.plannerllm;

import dev.langchain4j.model.openai.OpenAiChatModelName;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;

/**
 * Counts prompt tokens with OpenAI's o200k tokenizer (jtokkit, offline). Other providers' tokenizers
 * differ by a few percent; the budget leaves room for that.
 */
final class Tokens {

    private Tokens() {}

    private static final class Holder {
        static final OpenAiTokenCountEstimator ESTIMATOR = new OpenAiTokenCountEstimator(OpenAiChatModelName.GPT_4_O);
    }

    /** The tokens of this text. */
    static int count(String text) {
        return text.isEmpty() ? 0 : Holder.ESTIMATOR.estimateTokenCountInText(text);
    }

    /** A fast, deliberately high estimate, for packing before the exact count: identifiers tokenize densely. */
    static int roughly(String text) {
        return (text.length() + 2) / 3;
    }
}
