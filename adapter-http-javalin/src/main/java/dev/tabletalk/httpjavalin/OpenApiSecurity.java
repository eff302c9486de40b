package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.map;

import dev.tabletalk.identity.AuthMode;
import java.util.Map;

/**
 * The security schemes of {@link OpenApiDocument}: the operator token and one scheme per auth mode, of which an
 * authenticated operation names the server's.
 */
final class OpenApiSecurity {

    private OpenApiSecurity() {}

    /** The scheme that identifies callers in this auth mode. */
    static String schemeName(AuthMode mode) {
        return switch (mode) {
            case DEV -> "devUserContext";
            case JWT -> "bearerJwt";
            case HMAC -> "hmacSignedContext";
        };
    }

    /** Every scheme, for {@code components.securitySchemes}. */
    static Map<String, Object> schemes() {
        return map(
                "operatorToken",
                        map(
                                "type",
                                "http",
                                "scheme",
                                "bearer",
                                "description",
                                "The operator token TABLETALK_ADMIN_TOKEN (the /admin routes only)"),
                "devUserContext",
                        map(
                                "type",
                                "apiKey",
                                "in",
                                "header",
                                "name",
                                "X-User-Context",
                                "description",
                                "base64 of {\"user_id\": string, \"user_role\": string, \"company_id\": integer}; "
                                        + "at most 4096 bytes; only on a loopback bind"),
                "bearerJwt",
                        map(
                                "type",
                                "http",
                                "scheme",
                                "bearer",
                                "bearerFormat",
                                "JWT",
                                "description",
                                "HS256, RS256 or ES256; exp, iss and aud required; claims user_id, user_role "
                                        + "and company_id (integer)"),
                "hmacSignedContext",
                        map(
                                "type",
                                "apiKey",
                                "in",
                                "header",
                                "name",
                                "X-Ctx-Signature",
                                "description",
                                "hex(HMAC-SHA256(key, X-Ctx-Timestamp \\n X-Ctx-Nonce \\n METHOD \\n path \\n "
                                        + "hex(sha256(body)) \\n X-User-Context)) with X-Ctx-Key-Id; 300 s window; "
                                        + "nonces are single use"));
    }
}
