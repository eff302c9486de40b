package dev.tabletalk.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A request whose identity could not be established, as an inbound adapter saw it. Carries no
 * credentials: never the header, the token or the signature, only the reason.
 *
 * @param transport how the identity was presented ({@code dev}, {@code jwt}, {@code hmac}, ...)
 * @param reason the machine-readable reason ({@code malformed_context}, {@code token_expired}, ...)
 * @param route the route or command that was asked for
 * @param claimedUserId the user id the request claimed, if it could be read at all (not verified)
 */
public record AuthFailure(String transport, String reason, String route, Optional<String> claimedUserId) {

    public AuthFailure {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(claimedUserId, "claimedUserId");
    }
}
