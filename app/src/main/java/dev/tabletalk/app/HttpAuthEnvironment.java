package dev.tabletalk.app;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.JwtSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the HTTP server's identity keys from environment variables (secrets never come from a config file in
 * clear); the HTTP adapter never reads the environment itself:
 * <ul>
 *   <li>{@code jwt}: {@code TABLETALK_JWT_ISSUER} and {@code TABLETALK_JWT_AUDIENCE} (required), and
 *       {@code TABLETALK_JWT_SECRET} (or {@code TABLETALK_JWT_SECRET_FILE}) for HS256 and/or
 *       {@code TABLETALK_JWT_JWKS}, a JWKS file path or an {@code http(s)} URL, for RS256/ES256;</li>
 *   <li>{@code hmac}: {@code TABLETALK_HMAC_KEYS} as {@code keyId=secret[,keyId=secret...]}, or
 *       {@code TABLETALK_HMAC_KEYS_FILE} with one {@code keyId=secret} per line.</li>
 * </ul>
 */
final class HttpAuthEnvironment {

    private HttpAuthEnvironment() {}

    /**
     * Selects the auth mode on the builder and, for {@code jwt} and {@code hmac}, its keys from the variables.
     *
     * @param builder the HTTP settings being built
     * @param mode the auth mode
     * @param environment the variables, e.g. {@code System.getenv()}
     * @return the builder
     * @throws ConfigurationException naming the variable that is missing or wrong
     */
    static HttpConfig.Builder auth(HttpConfig.Builder builder, AuthMode mode, Map<String, String> environment) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(environment, "environment");
        builder.authMode(mode);
        if (mode == AuthMode.JWT) {
            builder.jwt(jwtFrom(environment));
        } else if (mode == AuthMode.HMAC) {
            builder.hmac(hmacFrom(environment));
        }
        return builder;
    }

    private static JwtSettings jwtFrom(Map<String, String> env) {
        String issuer = required(env, "TABLETALK_JWT_ISSUER", "the expected iss of tokens");
        String audience = required(env, "TABLETALK_JWT_AUDIENCE", "the expected aud of tokens");
        Optional<String> secret = optional(env, "TABLETALK_JWT_SECRET")
                .or(() -> optional(env, "TABLETALK_JWT_SECRET_FILE")
                        .map(f -> readFile(f, "TABLETALK_JWT_SECRET_FILE").strip()));
        Optional<String> jwks = optional(env, "TABLETALK_JWT_JWKS");
        Optional<URI> url = jwks.filter(j -> j.startsWith("https://") || j.startsWith("http://"))
                .map(URI::create);
        Optional<Path> file = jwks.filter(j -> url.isEmpty()).map(Path::of);
        if (secret.isEmpty() && jwks.isEmpty()) {
            throw new ConfigurationException("auth mode jwt needs TABLETALK_JWT_SECRET (HS256) or TABLETALK_JWT_JWKS "
                    + "(a JWKS file or URL for RS256/ES256)");
        }
        return new JwtSettings(issuer, audience, secret, file, url, Duration.ofSeconds(30));
    }

    private static HmacSettings hmacFrom(Map<String, String> env) {
        String text = optional(env, "TABLETALK_HMAC_KEYS")
                .or(() -> optional(env, "TABLETALK_HMAC_KEYS_FILE").map(f -> readFile(f, "TABLETALK_HMAC_KEYS_FILE")))
                .orElseThrow(() -> new ConfigurationException("auth mode hmac needs TABLETALK_HMAC_KEYS "
                        + "(keyId=secret[,keyId=secret]) or TABLETALK_HMAC_KEYS_FILE (one keyId=secret per line)"));
        Map<String, String> keys = new TreeMap<>();
        for (String entry : text.split("[,\\r\\n]")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new ConfigurationException("an HMAC key must be written keyId=secret");
            }
            keys.put(
                    trimmed.substring(0, equals).strip(),
                    trimmed.substring(equals + 1).strip());
        }
        return new HmacSettings(keys, Duration.ofSeconds(300));
    }

    private static String required(Map<String, String> env, String name, String what) {
        return optional(env, name).orElseThrow(() -> new ConfigurationException("set " + name + " to " + what));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static String readFile(String path, String variable) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("the file named by " + variable + " cannot be read", e);
        }
    }
}
