package dev.tabletalk.identity;

import dev.tabletalk.core.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * HMAC settings: the shared secrets by key id, and the time window around the server's clock in which
 * a signed timestamp is accepted (300 s by default). Nonces are remembered for twice the window.
 *
 * <p>A trusted gateway signs {@code X-Ctx-Signature = hex(HMAC-SHA256(key[X-Ctx-Key-Id], ts + "\n" + nonce + "\n"
 * + METHOD + "\n" + path + "\n" + hex(SHA-256(body)) + "\n" + X-User-Context))} where {@code ts} is
 * {@code X-Ctx-Timestamp} (unix seconds), {@code nonce} is {@code X-Ctx-Nonce} (8-128 of {@code [A-Za-z0-9_-]})
 * and {@code path} is the raw request path without the query string. {@link #toString()} never shows a secret.
 *
 * @param keys secret (at least 32 bytes of UTF-8) by key id
 * @param window the accepted clock difference either way
 */
public record HmacSettings(Map<String, String> keys, Duration window) {

    /**
     * Checks the settings.
     *
     * @throws ConfigurationException without keys, with a short secret or blank key id, or with a window outside
     *     1 second to 15 minutes
     */
    public HmacSettings {
        keys = Map.copyOf(keys);
        Objects.requireNonNull(window, "window");
        if (keys.isEmpty()) {
            throw new ConfigurationException("HMAC identity needs at least one key (key id and secret)");
        }
        keys.forEach((id, secret) -> {
            if (id.isBlank() || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new ConfigurationException(
                        "HMAC key '" + id + "' needs a key id and a secret of at " + "least 32 bytes");
            }
        });
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new ConfigurationException("the HMAC window must be between 1 second and 15 minutes");
        }
    }

    /** One key with the 300-second window. */
    public static HmacSettings of(String keyId, String secret) {
        return new HmacSettings(Map.of(keyId, secret), Duration.ofSeconds(300));
    }

    @Override
    public String toString() {
        return "Hmac[keys=" + new TreeMap<>(keys).keySet() + " (secrets hidden), window=" + window + "]";
    }
}
