package dev.tabletalk.plannerllm;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat model of the planner's fallback chain: a provider, a model name and, optionally, its own
 * base URL and API key.
 *
 * <p>Written as {@code provider:model}: {@code openai:gpt-4.1-mini}, {@code anthropic:claude-sonnet-4-5},
 * {@code ollama:qwen2.5}. {@code openai} with a base URL reaches any OpenAI-compatible endpoint (vLLM,
 * llama.cpp server, LM Studio, gateways); {@code ollama} is the same client pointed at Ollama's
 * OpenAI-compatible endpoint, {@code http://127.0.0.1:11434/v1} unless a base URL is given.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param provider which API the model speaks
 * @param model the model name as the provider spells it
 * @param baseUrl the endpoint, when not the provider's default
 * @param apiKey the key, when not taken from the builder or the environment
 */
public record ModelSpec(Provider provider, String model, Optional<String> baseUrl, Optional<String> apiKey) {

    /** The APIs a model can be reached through. */
    public enum Provider {
        /** OpenAI's chat completions API, or any endpoint compatible with it. */
        OPENAI("openai", "OPENAI_API_KEY", "https://api.openai.com/v1"),
        /** Ollama through its OpenAI-compatible endpoint; no key needed. */
        OLLAMA("ollama", "OLLAMA_API_KEY", "http://127.0.0.1:11434/v1"),
        /** Anthropic's messages API. */
        ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "https://api.anthropic.com/v1/");

        private final String prefix;
        private final String keyVariable;
        private final String defaultBaseUrl;

        Provider(String prefix, String keyVariable, String defaultBaseUrl) {
            this.prefix = prefix;
            this.keyVariable = keyVariable;
            this.defaultBaseUrl = defaultBaseUrl;
        }

        /** The prefix in a model spec: {@code openai}, {@code ollama}, {@code anthropic}. */
        public String prefix() {
            return prefix;
        }

        /** The environment variable the key is read from when none is given. */
        public String keyVariable() {
            return keyVariable;
        }

        /** The endpoint used when no base URL is given. */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }
    }

    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        if (model.isBlank()) {
            throw new ConfigurationException("A planner model needs a name, e.g. openai:gpt-4.1-mini.");
        }
        baseUrl = baseUrl.map(String::strip).filter(s -> !s.isEmpty());
        apiKey = apiKey.filter(s -> !s.isBlank());
    }

    /**
     * Parses {@code provider:model}.
     *
     * @throws ConfigurationException when the text is not of that form or names an unknown provider
     */
    public static ModelSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new ConfigurationException("Planner model '" + spec
                    + "' is not of the form provider:model, e.g. openai:gpt-4.1-mini, anthropic:claude-sonnet-4-5"
                    + " or ollama:qwen2.5.");
        }
        String prefix = spec.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String model = spec.substring(colon + 1).strip();
        for (Provider provider : Provider.values()) {
            if (provider.prefix.equals(prefix)) {
                return new ModelSpec(provider, model, Optional.empty(), Optional.empty());
            }
        }
        throw new ConfigurationException("Planner provider '" + prefix
                + "' is not supported; use openai, ollama or anthropic (openai with a base URL reaches any"
                + " OpenAI-compatible server).");
    }

    /** This model at another endpoint. */
    public ModelSpec withBaseUrl(String url) {
        return new ModelSpec(provider, model, Optional.of(Objects.requireNonNull(url, "url")), apiKey);
    }

    /** This model with its own key. */
    public ModelSpec withApiKey(String key) {
        return new ModelSpec(provider, model, baseUrl, Optional.of(Objects.requireNonNull(key, "key")));
    }

    /** The endpoint the model is reached at: its own base URL or the provider's default. */
    public String effectiveBaseUrl() {
        return baseUrl.orElse(provider.defaultBaseUrl());
    }

    /** {@code provider:model}, the name used in logs and the audit log. */
    public String label() {
        return provider.prefix + ":" + model;
    }

    @Override
    public String toString() {
        return "ModelSpec[" + label() + baseUrl.map(u -> " at " + u).orElse("")
                + (apiKey.isPresent() ? ", key given" : "") + "]";
    }
}
