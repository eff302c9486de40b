package dev.tabletalk.identity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of a request that identity checks read: method, raw path, headers and the body bytes.
 *
 * @param method the HTTP method in upper case
 * @param path the raw request path, without the query string
 * @param headers every value of a header, by name (case-insensitive); {@code null} or empty when absent
 * @param body the body, empty for a request without one (read only by verifiers that {@link
 *     IdentityVerifier#needsBody() need it})
 */
public record IdentityRequest(String method, String path, Function<String, List<String>> headers, byte[] body) {

    /** Checks every part is given. */
    public IdentityRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The single value of a header: empty when absent, repeated when sent more than once (a second copy
     * must never decide who the caller is).
     */
    HeaderValue header(String name) {
        List<String> values = headers.apply(name);
        if (values == null || values.isEmpty()) {
            return new HeaderValue(Optional.empty(), false);
        }
        return new HeaderValue(Optional.of(values.get(0)), values.size() > 1);
    }

    /** A header's value and whether it was repeated. */
    record HeaderValue(Optional<String> value, boolean repeated) {

        IdentityFailure repeatedFailure(String name) {
            return IdentityFailure.malformed("duplicate_header", "The " + name + " header was sent more than once.");
        }
    }
}
