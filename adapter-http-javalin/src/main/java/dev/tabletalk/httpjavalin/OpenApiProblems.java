package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.map;
import static dev.tabletalk.httpjavalin.OpenApiMaps.ref;

import java.util.List;
import java.util.Map;

/**
 * The problem types of {@link OpenApiDocument}: the RFC 9457 {@code Problem} schema with its reasons, the shared
 * {@code Problem} response and the {@code application/problem+json} body that error responses carry.
 */
final class OpenApiProblems {

    private OpenApiProblems() {}

    /** The shared responses of {@code components.responses}. */
    static Map<String, Object> responses() {
        return map("Problem", map("description", "An RFC 9457 problem document", "content", content()));
    }

    /** A reference to the shared {@code Problem} response. */
    static Map<String, Object> response() {
        return ref("#/components/responses/Problem");
    }

    /** The body of an error response: a problem document. */
    static Map<String, Object> content() {
        return map("application/problem+json", map("schema", ref("Problem")));
    }

    /** The {@code Problem} schema. */
    static Map<String, Object> schema() {
        return map(
                "type",
                "object",
                "required",
                List.of("type", "title", "status", "reason", "errorId"),
                "properties",
                map(
                        "type", map("type", "string", "format", "uri"),
                        "title", map("type", "string"),
                        "status", map("type", "integer"),
                        "detail", map("type", "string"),
                        "instance", map("type", "string"),
                        "errorId", map("type", "string"),
                        "reason",
                                map(
                                        "type",
                                        "string",
                                        "description",
                                        "Stable machine-readable reason, e.g. missing_context, malformed_context, "
                                                + "duplicate_key, missing_claim, type_error, context_too_large, "
                                                + "invalid_token, token_expired, invalid_issuer, invalid_audience, "
                                                + "bad_signature, stale_timestamp, replayed_nonce, rate_limited, "
                                                + "body_too_large, invalid_body, not_found, internal")));
    }
}
