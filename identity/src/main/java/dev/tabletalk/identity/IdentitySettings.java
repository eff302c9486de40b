package dev.tabletalk.identity;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.Objects;
import java.util.Optional;

/**
 * How callers are identified: the mode, its keys, and the largest {@code X-User-Context} header accepted. An
 * adapter receives these values (the app reads them from the environment) and never reads keys itself.
 *
 * @param mode how callers are identified
 * @param jwt the JWT settings, required for {@link AuthMode#JWT}
 * @param hmac the HMAC settings, required for {@link AuthMode#HMAC}
 * @param maxContextHeaderBytes the largest {@code X-User-Context} header accepted (256 to 8192 bytes)
 */
public record IdentitySettings(
        AuthMode mode, Optional<JwtSettings> jwt, Optional<HmacSettings> hmac, int maxContextHeaderBytes) {

    /** The default limit of the identity header (the attack catalogue's MAX_CTX_HEADER_BYTES). */
    public static final int DEFAULT_MAX_CONTEXT_HEADER_BYTES = 4096;

    /**
     * Checks the settings.
     *
     * @throws ConfigurationException for a header limit out of range, or a mode without its keys
     */
    public IdentitySettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(hmac, "hmac");
        if (maxContextHeaderBytes < 256 || maxContextHeaderBytes > 8192) {
            throw new ConfigurationException(
                    "the context header limit must be between 256 and 8192 bytes, not " + maxContextHeaderBytes);
        }
        if (mode == AuthMode.JWT && jwt.isEmpty()) {
            throw new ConfigurationException("auth mode jwt needs JWT settings: an issuer, an audience and an "
                    + "HS256 secret or a JWKS file or URL");
        }
        if (mode == AuthMode.HMAC && hmac.isEmpty()) {
            throw new ConfigurationException("auth mode hmac needs at least one HMAC key (key id and secret)");
        }
    }

    /** The unsigned dev header with the default header limit. */
    public static IdentitySettings dev() {
        return new IdentitySettings(AuthMode.DEV, Optional.empty(), Optional.empty(), DEFAULT_MAX_CONTEXT_HEADER_BYTES);
    }

    /** JWT identity with the default header limit. */
    public static IdentitySettings jwt(JwtSettings settings) {
        return new IdentitySettings(
                AuthMode.JWT, Optional.of(settings), Optional.empty(), DEFAULT_MAX_CONTEXT_HEADER_BYTES);
    }

    /** HMAC-signed identity with the default header limit. */
    public static IdentitySettings hmac(HmacSettings settings) {
        return new IdentitySettings(
                AuthMode.HMAC, Optional.empty(), Optional.of(settings), DEFAULT_MAX_CONTEXT_HEADER_BYTES);
    }
}
