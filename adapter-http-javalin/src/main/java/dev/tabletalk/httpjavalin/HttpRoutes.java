package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes, the gate in front of the authenticated ones (body size, identity, rate limits) and the mapping
 * of every failure to an RFC 9457 problem document. Handlers call only the inbound ports.
 */
final class HttpRoutes {

    private static final Logger log = LoggerFactory.getLogger(HttpRoutes.class);

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    private static final String ROUTE_ATTRIBUTE = "tabletalk.route";
    private static final String OUTCOME_ATTRIBUTE = "tabletalk.outcome";
    private static final Set<String> CHAT_FIELDS = Set.of("sessionId", "message", "confirm");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Conversations conversations;
    private final SecurityEvents securityEvents;
    private final Optional<TargetConnections> targetConnections;
    private final CatalogView catalogView;
    private final HttpConfig config;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final HttpMetrics metrics;
    private final byte[] openApi;

    HttpRoutes(Conversations conversations, CatalogView catalogView, SecurityEvents securityEvents,
            Optional<TargetConnections> targetConnections, HttpConfig config, Authenticator authenticator,
            HttpMetrics metrics) {
        this.conversations = conversations;
        this.targetConnections = targetConnections;
        this.securityEvents = securityEvents;
        this.catalogView = catalogView;
        this.config = config;
        this.authenticator = authenticator;
        this.rateLimiter = new RateLimiter(config.userRateLimit(), config.tenantRateLimit());
        this.metrics = metrics;
        this.openApi = Json.write(OpenApiDocument.build(config));
    }

    void register(JavalinConfig javalin) {
        javalin.routes.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        });
        javalin.routes.post(Route.CHAT.path(), ctx -> run(ctx, Route.CHAT, this::chat));
        javalin.routes.get(Route.SCHEMA.path(), ctx -> run(ctx, Route.SCHEMA, this::schema));
        javalin.routes.get(Route.HEALTH.path(), ctx -> run(ctx, Route.HEALTH, this::health));
        javalin.routes.get(Route.METRICS.path(), ctx -> run(ctx, Route.METRICS, this::metrics));
        javalin.routes.get(Route.OPENAPI.path(), ctx -> run(ctx, Route.OPENAPI, this::openApi));
        javalin.routes.post(Route.CONNECT.path(), ctx -> run(ctx, Route.CONNECT, this::connect));

        javalin.routes.exception(HttpResponseException.class, (e, ctx) -> writeProblem(ctx, fromJavalin(e.getStatus())));
        javalin.routes.exception(DependencyUnavailableException.class, (e, ctx) -> {
            String errorId = writeProblem(ctx, Problem.of(503, "dependency_unavailable", "Service unavailable",
                    "A service TableTalk depends on is unavailable right now; try again shortly.").retryAfter(5));
            log.warn("dependency {} unavailable (errorId {}): {}", e.dependency(), errorId, e.getMessage());
        });
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            String errorId = writeProblem(ctx, Problem.of(500, "internal", "Internal error",
                    "Something went wrong on our side; the error id finds the details in the server log."));
            log.error("request failed (errorId {})", errorId, e);
        });
        javalin.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                writeProblem(ctx, fromJavalin(404));
            }
        });
        javalin.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                writeProblem(ctx, fromJavalin(405));
            }
        });
        javalin.requestLogger.http((ctx, millis) -> {
            String route = Optional.ofNullable(ctx.<String>attribute(ROUTE_ATTRIBUTE)).orElse("unmatched");
            String outcome = Optional.ofNullable(ctx.<String>attribute(OUTCOME_ATTRIBUTE))
                    .orElse(ctx.statusCode() < 400 ? "ok" : ctx.statusCode() < 500 ? "client_error" : "server_error");
            metrics.recordRequest(route, ctx.method().name(), ctx.statusCode(), outcome,
                    Duration.ofNanos((long) (millis * 1_000_000.0)));
        });
    }

    /** What a handler does with a request that passed the gate. */
    private interface RouteHandler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /** The verified caller and the request body. */
    private record Caller(Optional<UserContext> user, byte[] body) {
        UserContext requireUser() {
            return user.orElseThrow();
        }
    }

    private void run(Context ctx, Route route, RouteHandler handler) throws Exception {
        ctx.attribute(ROUTE_ATTRIBUTE, route.name());
        if (route == Route.CONNECT && !config.connectEnabled()) {
            writeProblem(ctx, fromJavalin(404));
            return;
        }
        byte[] body = new byte[0];
        if ("POST".equals(route.method())) {
            Optional<byte[]> read = readBody(ctx);
            if (read.isEmpty()) {
                writeProblem(ctx, Problem.of(413, "body_too_large", "Request body too large",
                        "The request body is larger than " + config.maxBodyBytes() + " bytes.")
                        .with("limit", config.maxBodyBytes()));
                return;
            }
            body = read.get();
        }
        if (!route.authenticated()) {
            handler.handle(ctx, new Caller(Optional.empty(), body));
            return;
        }
        RequestFacts facts = new RequestFacts(ctx.method().name(), rawPath(ctx), name -> headers(ctx, name), body);
        AuthOutcome outcome = authenticator.authenticate(facts);
        if (outcome instanceof AuthOutcome.Failed failed) {
            metrics.recordAuthFailure(failed.problem().reason());
            // INV-9: one audit record per request, refused ones included; never the header itself
            securityEvents.authenticationFailed(new AuthFailure(config.authMode().name().toLowerCase(Locale.ROOT),
                    failed.problem().reason(), route.method() + " " + route.path(), Optional.empty()));
            String errorId = writeProblem(ctx, failed.problem());
            // INV: no planner call, no echo of the header; the reason and error id are enough to investigate
            log.info("identity refused on {} {}: {} (errorId {})", route.method(), route.path(),
                    failed.problem().reason(), errorId);
            return;
        }
        UserContext user = ((AuthOutcome.Authenticated) outcome).user();
        OptionalLong wait = rateLimiter.acquire(user);
        if (wait.isPresent()) {
            writeProblem(ctx, Problem.of(429, "rate_limited", "Too many requests",
                    "Too many requests for this user or tenant; try again in " + wait.getAsLong() + " s.")
                    .retryAfter(wait.getAsLong()));
            return;
        }
        handler.handle(ctx, new Caller(Optional.of(user), body));
    }

    // --- handlers ---------------------------------------------------------------------------------

    private void chat(Context ctx, Caller caller) {
        if (!isJson(ctx)) {
            writeProblem(ctx, Problem.of(415, "unsupported_media_type", "Unsupported media type",
                    "Send the chat request as application/json."));
            return;
        }
        Optional<ChatRequest> request = chatRequest(ctx, caller);
        if (request.isEmpty()) {
            return;
        }
        Reply reply = conversations.handle(request.get());
        ctx.attribute(OUTCOME_ATTRIBUTE, reply.part(ReplyPart.Error.class).isPresent() ? "error"
                : reply.isRefused() ? "refused" : "ok");
        writeJson(ctx, 200, ReplyWire.toMap(reply));
    }

    private Optional<ChatRequest> chatRequest(Context ctx, Caller caller) {
        JsonNode node;
        try {
            node = Json.parse(caller.body());
        } catch (IOException e) {
            writeProblem(ctx, invalidBody(Json.isDuplicateKey(e)
                    ? "The request repeats a key; send each of sessionId, message and confirm at most once."
                    : "The request body is not valid JSON."));
            return Optional.empty();
        }
        if (!node.isObject()) {
            writeProblem(ctx, invalidBody("The request body must be a JSON object with a message."));
            return Optional.empty();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHAT_FIELDS.contains(name)) {
                writeProblem(ctx, invalidBody("Unknown member in the request; allowed are sessionId, message and "
                        + "confirm."));
                return Optional.empty();
            }
        }
        Optional<String> sessionId;
        Optional<String> message;
        Optional<String> confirm;
        try {
            sessionId = optionalText(node, "sessionId");
            message = optionalText(node, "message");
            confirm = optionalText(node, "confirm");
        } catch (IllegalArgumentException e) {
            writeProblem(ctx, invalidBody(e.getMessage()));
            return Optional.empty();
        }
        UserContext user = caller.requireUser();
        if (confirm.isPresent()) {
            if (sessionId.isEmpty()) {
                writeProblem(ctx, invalidBody("A confirm needs the sessionId of the preview."));
                return Optional.empty();
            }
            return Optional.of(ChatRequest.confirm(sessionId.get(), user, confirm.get()));
        }
        if (message.isEmpty()) {
            writeProblem(ctx, invalidBody("Send a message (or a confirm with the preview id)."));
            return Optional.empty();
        }
        return Optional.of(new ChatRequest(sessionId, user, message.get(), Optional.empty()));
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("The member " + name + " must be a string.");
        }
        return Optional.of(value.textValue());
    }

    private static Problem invalidBody(String detail) {
        return Problem.of(400, "invalid_body", "Invalid request body", detail);
    }

    private void schema(Context ctx, Caller caller) {
        SchemaView view = catalogView.schemaFor(caller.requireUser());
        writeJson(ctx, 200, SchemaJsonMapper.schema(view));
    }

    private void health(Context ctx, Caller caller) {
        writeJson(ctx, 200, Map.of("status", "up"));
    }

    private void metrics(Context ctx, Caller caller) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void openApi(Context ctx, Caller caller) {
        ctx.status(200).contentType(JSON).result(openApi);
    }

    /**
     * {@code POST /connect {"url": ...}}: admin only; the URL must name a host on the allowlist (URLs without a
     * host never pass). Both are checked here, before any network access, and again by the port. With the
     * {@link TargetConnections} port the server then connects and switches; without it the answer is 501 and no
     * connection is ever attempted. Refusals made here are recorded through {@link SecurityEvents} (reason
     * {@code connect_<reason>}); the port records every call that reaches it. Neither the URL nor any part of it
     * is echoed, except the database description the port returns, which carries no credentials.
     */
    private void connect(Context ctx, Caller caller) {
        UserContext user = caller.requireUser();
        if (!"admin".equals(user.role())) {
            refuseConnect(ctx, user, Problem.of(403, "forbidden", "Forbidden", "Only an admin may connect databases."));
            return;
        }
        String url;
        try {
            JsonNode node = Json.parse(caller.body());
            JsonNode value = node.get("url");
            if (!node.isObject() || node.size() != 1 || value == null || !value.isTextual()) {
                refuseConnect(ctx, user, invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
                return;
            }
            url = value.textValue();
        } catch (IOException e) {
            refuseConnect(ctx, user, invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
            return;
        }
        Optional<String> host;
        try {
            host = hostOf(url);
        } catch (IllegalArgumentException e) {
            refuseConnect(ctx, user, Problem.of(400, "unsupported_url", "Unsupported database URL",
                    "Give a database URL that names one host, such as mariadb://user@host:3306/db or "
                            + "postgresql://user@host:5432/db."));
            return;
        }
        if (host.isEmpty() || !config.connectAllowedHosts().contains(host.get())) {
            refuseConnect(ctx, user, Problem.of(403, "host_not_allowed", "Host not allowed",
                    "That host is not on the server's allowlist of databases."));
            return;
        }
        if (targetConnections.isEmpty()) {
            refuseConnect(ctx, user, Problem.of(501, "connect_not_supported", "Not supported",
                    "This server serves the database it was started with; restart it with the new database URL."));
            return;
        }
        ConnectOutcome outcome = targetConnections.get().connect(url, user);
        if (outcome instanceof ConnectOutcome.Connected connected) {
            ctx.attribute(OUTCOME_ATTRIBUTE, "ok");
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("database", connected.database());
            body.put("exposedEntities", connected.exposedEntities());
            writeJson(ctx, 200, body);
            return;
        }
        ConnectOutcome.Refused refused = (ConnectOutcome.Refused) outcome;
        writeProblem(ctx, connectProblem(refused));
    }

    /** The problem for a refusal of the port (already recorded there). */
    static Problem connectProblem(ConnectOutcome.Refused refused) {
        return switch (refused.reason()) {
            case "forbidden" -> Problem.of(403, "forbidden", "Forbidden", refused.message());
            case "host_not_allowed" -> Problem.of(403, "host_not_allowed", "Host not allowed", refused.message());
            case "unsupported_url" -> Problem.of(400, "unsupported_url", "Unsupported database URL", refused.message());
            case "connection_failed" -> Problem.of(502, "connection_failed", "Connection failed", refused.message());
            case "audit_unavailable" -> Problem.of(503, "audit_unavailable", "Service unavailable", refused.message())
                    .retryAfter(5);
            default -> Problem.of(400, "connect_refused", "Connect refused", refused.message());
        };
    }

    /** Answers a refusal made before the port was reached, and records it (one audit record per attempt). */
    private void refuseConnect(Context ctx, UserContext user, Problem problem) {
        securityEvents.authenticationFailed(new AuthFailure(config.authMode().name().toLowerCase(Locale.ROOT),
                "connect_" + problem.reason(), Route.CONNECT.method() + " " + Route.CONNECT.path(),
                Optional.of(user.userId())));
        writeProblem(ctx, problem);
    }

    /**
     * The host a database URL names, lower case, without IPv6 brackets; empty when it names none (a file, an
     * in-memory database, several hosts, the driver's default host).
     *
     * @throws IllegalArgumentException when the URL cannot be read at all
     */
    static Optional<String> hostOf(String url) {
        String text = url.strip();
        String plain = text.regionMatches(true, 0, "jdbc:", 0, 5) ? text.substring(5) : text;
        URI uri = URI.create(plain);
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("no scheme");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(host.toLowerCase(Locale.ROOT));
    }

    // --- plumbing --------------------------------------------------------------------------------

    /** The body, at most the configured size; empty when larger. */
    private Optional<byte[]> readBody(Context ctx) throws IOException {
        int limit = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            return Optional.empty();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static List<String> headers(Context ctx, String name) {
        var values = ctx.req().getHeaders(name);
        return values == null ? List.of() : new ArrayList<>(Collections.list(values));
    }

    private static String rawPath(Context ctx) {
        return ctx.req().getRequestURI();
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(JSON);
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(PROBLEM_JSON);
    }

    private static void writeJson(Context ctx, int status, Object json) {
        ctx.status(status).contentType(JSON).result(Json.write(json));
    }

    /** Writes the problem and returns its error id. */
    private String writeProblem(Context ctx, Problem problem) {
        String errorId = "err_" + randomHex();
        ctx.status(problem.status());
        ctx.contentType(PROBLEM_JSON);
        problem.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        if (problem.status() == 401 && config.authMode() == AuthMode.JWT) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (ctx.attribute(OUTCOME_ATTRIBUTE) == null) {
            ctx.attribute(OUTCOME_ATTRIBUTE, problem.reason());
        }
        ctx.result(Json.write(problem.toJson(errorId, "urn:tabletalk:error:" + errorId)));
        return errorId;
    }

    private static Problem fromJavalin(int status) {
        return switch (status) {
            case 404 -> Problem.of(404, "not_found", "Not found", "There is no such route; GET /openapi.json lists them.");
            case 405 -> Problem.of(405, "method_not_allowed", "Method not allowed",
                    "This route does not take that method; GET /openapi.json lists the routes.");
            case 413 -> Problem.of(413, "body_too_large", "Request body too large", "The request body is too large.");
            default -> status >= 500
                    ? Problem.of(500, "internal", "Internal error", "Something went wrong on our side.")
                    : Problem.of(status, "bad_request", "Bad request", "The request could not be processed.");
        };
    }

    static String randomHex() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
