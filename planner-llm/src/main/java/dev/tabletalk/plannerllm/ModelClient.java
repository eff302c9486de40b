package dev.tabletalk.plannerllm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One configured chat model and the only place langchain4j is called. Every failure of the call
 * (timeout, HTTP 429 or 5xx, refused connection, a reply it cannot read) is translated into
 * {@link Unavailable}, which makes the planner try the next model. The API key is handed to
 * langchain4j and kept nowhere else; request logging stays off so it is never logged.
 */
final class ModelClient {

    private static final String NO_KEY = "no-key";
    private static final int MAX_ANSWER_TOKENS = 1_024;

    private final ModelSpec spec;
    private final ChatModel model;
    private final boolean jsonMode;
    private final boolean strictSchema;

    ModelClient(ModelSpec spec, ChatModel model, boolean jsonMode, boolean strictSchema) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.model = Objects.requireNonNull(model, "model");
        this.jsonMode = jsonMode;
        this.strictSchema = strictSchema;
    }

    /** A client for this model spec, whose key and base URL are already resolved. */
    static ModelClient create(ModelSpec spec, Duration timeout, boolean strictJsonSchema) {
        String key = spec.apiKey().orElse(NO_KEY);
        String baseUrl = spec.effectiveBaseUrl();
        switch (spec.provider()) {
            case OPENAI, OLLAMA -> {
                OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(key)
                        .modelName(spec.model())
                        .timeout(timeout)
                        // the fallback chain decides what happens after a failure, at once
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false);
                boolean strict = strictJsonSchema && spec.provider() == ModelSpec.Provider.OPENAI;
                if (strict) {
                    builder.strictJsonSchema(true);
                }
                return new ModelClient(spec, builder.build(), true, strict);
            }
            case ANTHROPIC -> {
                // langchain4j posts to {baseUrl}messages, so the base URL ends with a slash
                String slashed = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
                ChatModel model = AnthropicChatModel.builder()
                        .baseUrl(slashed)
                        .apiKey(key)
                        .modelName(spec.model())
                        .timeout(timeout)
                        .maxTokens(MAX_ANSWER_TOKENS)
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false)
                        .build();
                return new ModelClient(spec, model, false, false);
            }
            default -> throw new IllegalStateException("unhandled provider: " + spec.provider());
        }
    }

    ModelSpec spec() {
        return spec;
    }

    /** {@code provider:model}. */
    String label() {
        return spec.label();
    }

    /** What one call answered and cost. */
    record Completion(String text, OptionalLong promptTokens, OptionalLong completionTokens) {}

    /**
     * Sends the messages and returns the answer's text.
     *
     * @param schema a strict JSON schema for the answer, used only where this model supports it
     * @throws Unavailable when the model cannot be reached or fails
     */
    Completion complete(List<ChatMessage> messages, Optional<JsonSchema> schema) throws Unavailable {
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (strictSchema && schema.isPresent()) {
            request.responseFormat(ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(schema.get())
                    .build());
        } else if (jsonMode) {
            request.responseFormat(ResponseFormat.JSON);
        }
        ChatResponse response;
        try {
            response = model.chat(request.build());
        } catch (RuntimeException e) {
            // the library's exceptions stop here (STYLE §3.2); the next model is tried
            throw new Unavailable(label() + ": " + describe(e), e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        TokenUsage usage = response.tokenUsage();
        return new Completion(
                text == null ? "" : text,
                usage == null || usage.inputTokenCount() == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(usage.inputTokenCount()),
                usage == null || usage.outputTokenCount() == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(usage.outputTokenCount()));
    }

    /** A short reason for logs: never a body, never a header. */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (t instanceof HttpException http) {
                return "HTTP " + http.statusCode();
            }
            if (t instanceof ConnectException) {
                return "could not connect";
            }
            deepest = t;
        }
        return deepest.getClass().getSimpleName();
    }

    /** The model could not be reached or failed; the next model is tried. */
    static final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
