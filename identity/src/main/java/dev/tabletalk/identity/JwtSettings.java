package dev.tabletalk.identity;

import dev.tabletalk.core.error.ConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * JWT verification settings. The issuer ({@code iss}) and audience ({@code aud}) are required in every
 * token, as is {@code exp}. HS256 tokens are checked only against {@code hs256Secret}; RS256 and ES256
 * tokens only against RSA and EC (P-256) keys of the JWKS. {@code alg: none} and every other algorithm are
 * refused. {@link #toString()} never shows the secret.
 *
 * @param issuer the expected {@code iss}
 * @param audience the expected {@code aud} (one of the token's audiences)
 * @param hs256Secret the shared secret for HS256, at least 32 bytes of UTF-8
 * @param jwksFile a JWKS file with the RSA/EC public keys
 * @param jwksUrl a JWKS URL with the RSA/EC public keys (cached, refreshed by nimbus-jose-jwt)
 * @param clockSkew the tolerance on {@code exp} and {@code nbf} (30 s by default)
 */
public record JwtSettings(
        String issuer,
        String audience,
        Optional<String> hs256Secret,
        Optional<Path> jwksFile,
        Optional<URI> jwksUrl,
        Duration clockSkew) {

    /**
     * Checks the settings.
     *
     * @throws ConfigurationException without issuer or audience, without keys, with a short secret, with both a
     *     JWKS file and URL, or with a clock skew outside 0 to 5 minutes
     */
    public JwtSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(hs256Secret, "hs256Secret");
        Objects.requireNonNull(jwksFile, "jwksFile");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (issuer.isBlank() || audience.isBlank()) {
            throw new ConfigurationException("JWT verification needs an issuer and an audience");
        }
        if (hs256Secret.isEmpty() && jwksFile.isEmpty() && jwksUrl.isEmpty()) {
            throw new ConfigurationException("JWT verification needs an HS256 secret or a JWKS file or URL");
        }
        if (jwksFile.isPresent() && jwksUrl.isPresent()) {
            throw new ConfigurationException("give a JWKS file or a JWKS URL, not both");
        }
        if (hs256Secret.isPresent() && hs256Secret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigurationException("the HS256 secret must be at least 32 bytes long");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException("the JWT clock skew must be between 0 and 5 minutes");
        }
    }

    /** Settings verifying HS256 tokens with a shared secret, with the 30-second clock skew. */
    public static JwtSettings of(String issuer, String audience, String hs256Secret) {
        return new JwtSettings(
                issuer, audience, Optional.of(hs256Secret), Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
    }

    /** Settings verifying RS256/ES256 tokens with the keys of a JWKS file. */
    public static JwtSettings withJwksFile(String issuer, String audience, Path jwksFile) {
        return new JwtSettings(
                issuer, audience, Optional.empty(), Optional.of(jwksFile), Optional.empty(), Duration.ofSeconds(30));
    }

    /** Settings verifying RS256/ES256 tokens with the keys of a JWKS URL. */
    public static JwtSettings withJwksUrl(String issuer, String audience, URI jwksUrl) {
        return new JwtSettings(
                issuer, audience, Optional.empty(), Optional.empty(), Optional.of(jwksUrl), Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "Jwt[issuer=" + issuer + ", audience=" + audience + ", hs256Secret="
                + (hs256Secret.isPresent() ? "(set)" : "(none)") + ", jwksFile=" + jwksFile.orElse(null)
                + ", jwksUrl=" + jwksUrl.orElse(null) + ", clockSkew=" + clockSkew + "]";
    }
}
