package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as an RFC 9457 problem document, mapped once in Javalin's exception registry: refusals of the
 * gate and the handlers ({@link RefusedRequestException}), Javalin's own statuses, an unavailable dependency (503) and
 * anything unexpected (500, details only in the server log under the error id).
 */
final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthMode authMode;

    HttpErrors(AuthMode authMode) {
        this.authMode = authMode;
    }

    /** Registers the exception and error mappings. */
    void install(JavalinConfig javalin) {
        javalin.routes.exception(RefusedRequestException.class, (e, ctx) -> {
            String errorId = write(ctx, e.problem());
            e.logContext()
                    .ifPresent(context -> log.debug(
                            "{}: {} (errorId {})", context, e.problem().reason(), errorId));
        });
        javalin.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e.getStatus())));
        javalin.routes.exception(DependencyUnavailableException.class, (e, ctx) -> {
            String errorId = write(ctx, unavailable());
            log.warn("dependency {} unavailable (errorId {}): {}", e.dependency(), errorId, e.getMessage());
        });
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            String errorId = write(
                    ctx,
                    Problem.of(
                            500,
                            "internal",
                            "Internal error",
                            "Something went wrong on our side; the error id finds the details in the server log."));
            log.error("request failed (errorId {})", errorId, e);
        });
        javalin.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, fromJavalin(404));
            }
        });
        javalin.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, fromJavalin(405));
            }
        });
    }

    /** Writes the problem and returns its error id. */
    String write(Context ctx, Problem problem) {
        String errorId = "err_" + randomHex();
        if (ctx.attribute(Exchange.OUTCOME_ATTRIBUTE) == null) {
            ctx.attribute(Exchange.OUTCOME_ATTRIBUTE, problem.reason());
        }
        ctx.result(head(ctx.res(), problem, errorId));
        return errorId;
    }

    /**
     * Writes the problem on a response Javalin does not handle (a mounted servlet's) and returns its error id.
     *
     * @throws IOException when the response cannot be written (the client went away)
     */
    String write(HttpServletResponse response, Problem problem) throws IOException {
        String errorId = "err_" + randomHex();
        byte[] body = head(response, problem, errorId);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return errorId;
    }

    /** Sets the problem's status and headers and returns its body. */
    private byte[] head(HttpServletResponse response, Problem problem, String errorId) {
        response.setStatus(problem.status());
        response.setContentType(Exchange.PROBLEM_JSON);
        problem.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        if (problem.status() == 401 && authMode == AuthMode.JWT) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        return StrictJson.write(problem.toJson(errorId, "urn:tabletalk:error:" + errorId));
    }

    /** A dependency (the audit database, shared rate-limit buckets) cannot be reached. */
    static Problem unavailable() {
        return Problem.of(
                        503,
                        "dependency_unavailable",
                        "Service unavailable",
                        "A service TableTalk depends on is unavailable right now; try again shortly.")
                .retryAfter(5);
    }

    /** The problem for a status Javalin answers itself. */
    static Problem fromJavalin(int status) {
        return switch (status) {
            case 404 ->
                Problem.of(404, "not_found", "Not found", "There is no such route; GET /openapi.json lists them.");
            case 405 ->
                Problem.of(
                        405,
                        "method_not_allowed",
                        "Method not allowed",
                        "This route does not take that method; GET /openapi.json lists the routes.");
            case 413 -> Problem.of(413, "body_too_large", "Request body too large", "The request body is too large.");
            default ->
                status >= 500
                        ? Problem.of(500, "internal", "Internal error", "Something went wrong on our side.")
                        : Problem.of(status, "bad_request", "Bad request", "The request could not be processed.");
        };
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Exchange.PROBLEM_JSON);
    }

    static String randomHex() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
