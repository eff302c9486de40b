package dev.tabletalk.httpjavalin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The parts of a request that identity checks read: method, raw path, headers and the body bytes.
 *
 * @param method the HTTP method in upper case
 * @param path the raw request path, without the query string
 * @param headers every value of a header, by name (case-insensitive)
 * @param body the body, empty for a request without one
 */
record RequestFacts(String method, String path, Function<String, List<String>> headers, byte[] body) {

    RequestFacts {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The single value of a header: empty when absent, a problem when sent more than once (a second copy
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

        Problem repeatedProblem(String name) {
            return Problem.malformedIdentity("duplicate_header", "The " + name + " header was sent more than once.");
        }
    }
}
