package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.IdentityRequest;
import dev.tabletalk.identity.IdentityVerifier;
import dev.tabletalk.identity.Verification;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code before} handler of every route: on an authenticated route it checks the identity of the configured
 * {@link AuthMode}, the per-user and per-tenant rate limits, then reads the body within its limit; on an operator
 * route the operator token only. Every {@code POST} (every request that changes something) must also say it sends
 * JSON (415 otherwise): with the identity header, which a browser sends cross-site only after a CORS preflight this
 * server never grants, a cross-site form can neither chat nor confirm. It leaves the verified {@link Caller} on the
 * context, or throws the recorded {@link RefusedRequestException} so the route's handler never runs. The same checks
 * guard a servlet mounted beside the routes ({@link MountedServletGate}): they work on the servlet request.
 */
final class CallerGate {

    private final HttpConfig config;
    private final IdentityVerifier verifier;
    private final RateLimiter rateLimiter;
    private final Refusals refusals;
    private final BodyReader bodyReader;
    private final Optional<byte[]> adminTokenDigest;

    CallerGate(HttpConfig config, IdentityVerifier verifier, Refusals refusals, TokenBuckets buckets) {
        this.config = config;
        this.verifier = verifier;
        this.rateLimiter = new RateLimiter(config.userRateLimit(), config.tenantRateLimit(), buckets);
        this.refusals = refusals;
        this.bodyReader = new BodyReader(config, refusals);
        this.adminTokenDigest = config.adminToken().map(CallerGate::sha256);
    }

    /**
     * Admits a request to the route or throws its refusal.
     *
     * @throws RefusedRequestException when the identity, the rate limits or the body refuse it
     */
    void admit(Context ctx, Route route) {
        ctx.attribute(Exchange.ROUTE_ATTRIBUTE, route.name());
        admit(ctx.req(), ctx.res(), route).attachTo(ctx);
    }

    /**
     * Admits a servlet request to the route: the verified caller and the body it read (nobody on an open route).
     *
     * @throws RefusedRequestException when the identity, the rate limits or the body refuse it
     */
    Caller admit(HttpServletRequest request, HttpServletResponse response, Route route) {
        if (route.operator()) {
            return admitOperator(request, response, route);
        }
        if (!route.authenticated()) {
            return Caller.NOBODY;
        }
        boolean post = "POST".equals(route.method());
        byte[] body = new byte[0];
        if (verifier.needsBody() && post) {
            // the signature covers the body: read it first, within the deadlines
            body = bodyReader.read(request, response, route, Optional.empty());
        }
        // otherwise the identity is checked before a byte of the body is read (PUB-104)
        Verification outcome = verifier.verify(new IdentityRequest(
                request.getMethod(), request.getRequestURI(), name -> Exchange.headers(request, name), body));
        if (outcome instanceof Verification.Refused refused) {
            throw refusals.identity(
                    request,
                    route,
                    Problem.ofIdentity(refused.failure()),
                    config.authMode().name().toLowerCase(Locale.ROOT));
        }
        UserContext user = ((Verification.Verified) outcome).user();
        OptionalLong wait = route.rateLimited() ? limitsOf(user, route) : OptionalLong.empty();
        if (wait.isPresent()) {
            throw refusals.ofCaller(
                    user,
                    route,
                    Problem.of(
                                    429,
                                    "rate_limited",
                                    "Too many requests",
                                    "Too many requests for this user or tenant; try again in " + wait.getAsLong()
                                            + " s.")
                            .retryAfter(wait.getAsLong()),
                    RefusalCode.BUSY);
        }
        if (post) {
            requireJson(request, route, user);
        }
        if (post && !verifier.needsBody()) {
            body = bodyReader.read(request, response, route, Optional.of(user));
        }
        return new Caller(Optional.of(user), body);
    }

    /** How long the caller must wait (empty: a token was taken); an unreachable shared store is recorded, then thrown. */
    private OptionalLong limitsOf(UserContext user, Route route) {
        try {
            return rateLimiter.acquire(user);
        } catch (DependencyUnavailableException e) {
            refusals.sharedStateUnavailable(user, route);
            throw e;
        }
    }

    /**
     * An operator route: only the operator token opens it ({@code Authorization: Bearer ...}, compared in
     * constant time over SHA-256 digests); a tenant's identity (dev header, JWT, HMAC) never does.
     */
    private Caller admitOperator(HttpServletRequest request, HttpServletResponse response, Route route) {
        Optional<String> bearer = bearer(request);
        if (adminTokenDigest.isEmpty()) {
            throw new RefusedRequestException(HttpErrors.fromJavalin(404));
        }
        if (bearer.isEmpty() || !MessageDigest.isEqual(sha256(bearer.get()), adminTokenDigest.get())) {
            response.setHeader("WWW-Authenticate", "Bearer");
            throw refusals.identity(
                    request,
                    route,
                    Problem.unauthenticated(
                            bearer.isEmpty() ? "missing_operator_token" : "bad_operator_token",
                            "This route needs the operator token: send Authorization: Bearer "
                                    + "<TABLETALK_ADMIN_TOKEN>. A tenant's identity never opens it."),
                    "operator_token");
        }
        UserContext operator = TargetConnections.operator();
        if ("POST".equals(route.method())) {
            requireJson(request, route, operator);
        }
        byte[] body = bodyReader.read(request, response, route, Optional.of(operator));
        return new Caller(Optional.of(operator), body);
    }

    /** A state-changing request must be JSON: a cross-site HTML form cannot send that type. */
    private void requireJson(HttpServletRequest request, Route route, UserContext user) {
        if (!Exchange.isJson(request)) {
            throw refusals.ofCaller(
                    user,
                    route,
                    Problem.of(
                            415,
                            "unsupported_media_type",
                            "Unsupported media type",
                            "Send the request body as application/json."),
                    RefusalCode.NOT_UNDERSTOOD);
        }
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        List<String> values = Exchange.headers(request, "Authorization");
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(value.substring(7).strip())
                : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
