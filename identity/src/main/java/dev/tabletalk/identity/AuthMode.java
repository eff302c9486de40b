package dev.tabletalk.identity;

import java.util.Locale;
import java.util.Optional;

/** How an adapter learns who is calling (the HTTP server today, the MCP server later). */
public enum AuthMode {
    /**
     * {@code X-User-Context: base64(JSON)} with {@code user_id}, {@code user_role}, {@code company_id},
     * unsigned: for development on a loopback address only.
     */
    DEV,
    /** {@code Authorization: Bearer <JWT>} verified against an HS256 secret or RS256/ES256 keys. */
    JWT,
    /** The dev header signed with HMAC-SHA256 over timestamp, nonce, method, path, body hash and header. */
    HMAC;

    /** The mode for {@code dev}, {@code jwt} or {@code hmac} (any case). */
    public static Optional<AuthMode> fromName(String name) {
        for (AuthMode mode : values()) {
            if (mode.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
