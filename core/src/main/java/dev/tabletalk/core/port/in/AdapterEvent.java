package dev.tabletalk.core.port.in;

import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.util.Objects;
import java.util.Optional;

/**
 * A request of a verified caller that an inbound adapter answered without a turn: a refusal before the turn
 * (rate limit, invalid body, body too large, unsupported media type, a refused operator act) or a read-only
 * request such as the schema. Recorded as that caller's event, never as an anonymous authentication failure.
 *
 * @param user the verified caller
 * @param route the route or command ({@code POST /chat}, {@code GET /schema}, ...)
 * @param detail the machine-readable reason or what was done ({@code rate_limited}, {@code schema_read}, ...)
 * @param refusal the refusal's code when the request was refused; empty when it was answered
 */
public record AdapterEvent(UserContext user, String route, String detail, Optional<RefusalCode> refusal) {

    public AdapterEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(refusal, "refusal");
    }

    /** A refusal of the caller's request. */
    public static AdapterEvent refused(UserContext user, String route, String reason, RefusalCode code) {
        return new AdapterEvent(user, route, reason, Optional.of(code));
    }

    /** A request that was answered. */
    public static AdapterEvent answered(UserContext user, String route, String what) {
        return new AdapterEvent(user, route, what, Optional.empty());
    }
}
