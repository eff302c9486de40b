package dev.tabletalk.httpjavalin;

import dev.tabletalk.identity.IdentityFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An HTTP problem to answer with (RFC 9457): a status, a stable machine-readable {@code reason}, a title and
 * a detail for a person. The detail never holds header or token content, SQL, driver text or a stack trace.
 *
 * @param status the HTTP status
 * @param reason the stable reason code ({@code malformed_context}, {@code rate_limited}, ...)
 * @param title a short summary of the problem type
 * @param detail what happened and what to do
 * @param retryAfterSeconds the {@code Retry-After} to send, if any
 * @param extensions further members (e.g. {@code claim}); values are plain JSON values
 */
record Problem(
        int status,
        String reason,
        String title,
        String detail,
        OptionalLong retryAfterSeconds,
        Map<String, Object> extensions) {

    Problem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        extensions = Map.copyOf(extensions);
    }

    static Problem of(int status, String reason, String title, String detail) {
        return new Problem(status, reason, title, detail, OptionalLong.empty(), Map.of());
    }

    Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, reason, title, detail, retryAfterSeconds, more);
    }

    Problem retryAfter(long seconds) {
        return new Problem(status, reason, title, detail, OptionalLong.of(seconds), extensions);
    }

    /** The problem's type URI: one per reason. */
    String type() {
        return "https://tabletalk.dev/problems/" + reason.replace('_', '-');
    }

    /** The problem document with an error id and the request path as instance. */
    Map<String, Object> toJson(String errorId, String instance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type());
        json.put("title", title);
        json.put("status", status);
        json.put("detail", detail);
        json.put("instance", instance);
        json.put("errorId", errorId);
        json.put("reason", reason);
        extensions.forEach(json::putIfAbsent);
        return json;
    }

    // --- the problems of identity ---------------------------------------------------------------

    static Problem unauthenticated(String reason, String detail) {
        return of(401, reason, "Not authenticated", detail);
    }

    /** The problem of a refused identity: 401, 400 or 503 by its kind, with its reason, detail and facts. */
    static Problem ofIdentity(IdentityFailure failure) {
        Problem problem;
        switch (failure.kind()) {
            case UNAUTHENTICATED:
                problem = unauthenticated(failure.reason(), failure.detail());
                break;
            case MALFORMED:
                problem = of(400, failure.reason(), "Malformed identity", failure.detail());
                break;
            case PROVIDER_UNAVAILABLE:
                problem = of(503, failure.reason(), "Identity provider unavailable", failure.detail());
                break;
            case BUSY:
                problem = of(503, failure.reason(), "Too many signed requests", failure.detail());
                break;
            default:
                throw new IllegalStateException("unhandled identity failure " + failure.kind());
        }
        for (Map.Entry<String, Object> fact : failure.facts().entrySet()) {
            problem = problem.with(fact.getKey(), fact.getValue());
        }
        return failure.retryAfterSeconds().isPresent()
                ? problem.retryAfter(failure.retryAfterSeconds().getAsLong())
                : problem;
    }
}
