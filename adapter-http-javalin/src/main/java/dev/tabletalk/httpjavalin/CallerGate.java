package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.IdentityRequest;
import dev.tabletalk.identity.IdentityVerifier;
import dev.tabletalk.identity.Verification;
import io.javalin.http.Context;
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
 * context, or throws the recorded {@link RefusedRequestException} so the route's handler never runs.
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
        if (route.operator()) {
            admitOperator(ctx, route);
            return;
        }
        if (!route.authenticated()) {
            return;
        }
        boolean post = "POST".equals(route.method());
        byte[] body = new byte[0];
        if (verifier.needsBody() && post) {
            // the signature covers the body: read it first, within the deadlines
            body = bodyReader.read(ctx, route, Optional.empty());
        }
        // otherwise the identity is checked before a byte of the body is read (PUB-104)
        IdentityRequest request = new IdentityRequest(
                ctx.method().name(), ctx.req().getRequestURI(), name -> Exchange.headers(ctx, name), body);
        Verification outcome = verifier.verify(request);
        if (outcome instanceof Verification.Refused refused) {
            throw refusals.identity(
                    ctx,
                    route,
                    Problem.ofIdentity(refused.failure()),
                    config.authMode().name().toLowerCase(Locale.ROOT));
        }
        UserContext user = ((Verification.Verified) outcome).user();
        OptionalLong wait = rateLimiter.acquire(user);
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
            requireJson(ctx, route, user);
        }
        if (post && !verifier.needsBody()) {
            body = bodyReader.read(ctx, route, Optional.of(user));
        }
        new Caller(Optional.of(user), body).attachTo(ctx);
    }

    /**
     * An operator route: only the operator token opens it ({@code Authorization: Bearer ...}, compared in
     * constant time over SHA-256 digests); a tenant's identity (dev header, JWT, HMAC) never does.
     */
    private void admitOperator(Context ctx, Route route) {
        Optional<String> bearer = bearer(ctx);
        if (adminTokenDigest.isEmpty()) {
            throw new RefusedRequestException(HttpErrors.fromJavalin(404));
        }
        if (bearer.isEmpty() || !MessageDigest.isEqual(sha256(bearer.get()), adminTokenDigest.get())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw refusals.identity(
                    ctx,
                    route,
                    Problem.unauthenticated(
                            bearer.isEmpty() ? "missing_operator_token" : "bad_operator_token",
                            "This route needs the operator token: send Authorization: Bearer "
                                    + "<TABLETALK_ADMIN_TOKEN>. A tenant's identity never opens it."),
                    "operator_token");
        }
        UserContext operator = TargetConnections.operator();
        if ("POST".equals(route.method())) {
            requireJson(ctx, route, operator);
        }
        byte[] body = bodyReader.read(ctx, route, Optional.of(operator));
        new Caller(Optional.of(operator), body).attachTo(ctx);
    }

    /** A state-changing request must be JSON: a cross-site HTML form cannot send that type. */
    private void requireJson(Context ctx, Route route, UserContext user) {
        if (!Exchange.isJson(ctx)) {
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

    private static Optional<String> bearer(Context ctx) {
        List<String> values = Exchange.headers(ctx, "Authorization");
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
