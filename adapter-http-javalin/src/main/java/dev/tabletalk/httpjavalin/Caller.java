package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.user.UserContext;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The caller the gate verified and the request body it read, left on the context for the route's handler.
 *
 * @param user the verified user (the operator on operator routes); empty on open routes
 * @param body the body, empty for a request without one
 */
record Caller(Optional<UserContext> user, byte[] body) {

    private static final String ATTRIBUTE = "tabletalk.caller";
    /** The caller of an open route: nobody, no body. */
    static final Caller NOBODY = new Caller(Optional.empty(), new byte[0]);

    UserContext requireUser() {
        return user.orElseThrow();
    }

    /** Leaves this caller on the context. */
    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The caller the gate left on the context; nobody on an open route. */
    static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        return caller == null ? NOBODY : caller;
    }
}
