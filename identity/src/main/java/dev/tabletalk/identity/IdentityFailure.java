package dev.tabletalk.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Why an identity was refused, independent of the transport: a kind (which an adapter maps to its own status,
 * e.g. HTTP 401, 400 or 503), a stable machine-readable {@code reason} ({@code missing_context},
 * {@code bad_signature}, {@code token_expired}, ...) and a detail for a person. The detail never holds header or
 * token content.
 *
 * @param kind what sort of failure this is
 * @param reason the stable reason code
 * @param detail what happened and what to do
 * @param retryAfterSeconds when trying again may help, after how many seconds
 * @param facts further plain values about the failure, e.g. {@code claim} (the claim's name) or {@code limit}
 */
public record IdentityFailure(
        Kind kind, String reason, String detail, OptionalLong retryAfterSeconds, Map<String, Object> facts) {

    /** The sorts of failure; each adapter maps them to its own status. */
    public enum Kind {
        /** No identity, or one that is not valid: a wrong signature, an expired token, a bad claim (HTTP 401). */
        UNAUTHENTICATED,
        /** The identity cannot even be read: bad encoding, a repeated header, too large (HTTP 400). */
        MALFORMED,
        /** The keys to verify tokens cannot be loaded right now (HTTP 503). */
        PROVIDER_UNAVAILABLE,
        /** Too many signed requests are in flight to remember their nonces (HTTP 503). */
        BUSY
    }

    /** Checks the parts and copies the facts. */
    public IdentityFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        facts = Map.copyOf(facts);
    }

    static IdentityFailure of(Kind kind, String reason, String detail) {
        return new IdentityFailure(kind, reason, detail, OptionalLong.empty(), Map.of());
    }

    static IdentityFailure unauthenticated(String reason, String detail) {
        return of(Kind.UNAUTHENTICATED, reason, detail);
    }

    static IdentityFailure malformed(String reason, String detail) {
        return of(Kind.MALFORMED, reason, detail);
    }

    IdentityFailure with(String fact, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(facts);
        more.put(fact, value);
        return new IdentityFailure(kind, reason, detail, retryAfterSeconds, more);
    }

    IdentityFailure retryAfter(long seconds) {
        return new IdentityFailure(kind, reason, detail, OptionalLong.of(seconds), facts);
    }
}
