package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    private final RefusedIdentityLog refusedIdentities;
    private final byte[] openApi;
    private final Optional<byte[]> adminTokenDigest;

    HttpRoutes(Conversations conversations, CatalogView catalogView, SecurityEvents securityEvents,
            Optional<TargetConnections> targetConnections, HttpConfig config, Authenticator authenticator,
            HttpMetrics metrics, RefusedIdentityLog refusedIdentities) {
        this.refusedIdentities = refusedIdentities;
        this.adminTokenDigest = config.adminToken().map(HttpRoutes::sha256);
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
        if (config.connectEnabled()) {
            // without the operator token the /admin routes do not exist at all (404)
            javalin.routes.post(Route.CONNECT.path(), ctx -> run(ctx, Route.CONNECT, this::connect));
        }

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
        if (route.operator()) {
            runOperator(ctx, route, handler);
            return;
        }
        if (!route.authenticated()) {
            handler.handle(ctx, new Caller(Optional.empty(), new byte[0]));
            return;
        }
        boolean post = "POST".equals(route.method());
        byte[] body = new byte[0];
        if (authenticator.needsBody() && post) {
            // the signature covers the body: read it first, within the deadlines
            Optional<byte[]> read = readBody(ctx, route, Optional.empty());
            if (read.isEmpty()) {
                return;
            }
            body = read.get();
        }
        // otherwise the identity is checked before a byte of the body is read (PUB-104)
        RequestFacts facts = new RequestFacts(ctx.method().name(), rawPath(ctx), name -> headers(ctx, name), body);
        AuthOutcome outcome = authenticator.authenticate(facts);
        if (outcome instanceof AuthOutcome.Failed failed) {
            refuseIdentity(ctx, route, failed.problem(), config.authMode().name().toLowerCase(Locale.ROOT));
            return;
        }
        UserContext user = ((AuthOutcome.Authenticated) outcome).user();
        OptionalLong wait = rateLimiter.acquire(user);
        if (wait.isPresent()) {
            refuse(ctx, user, route, Problem.of(429, "rate_limited", "Too many requests",
                    "Too many requests for this user or tenant; try again in " + wait.getAsLong() + " s.")
                    .retryAfter(wait.getAsLong()), RefusalCode.BUSY);
            return;
        }
        if (post && !authenticator.needsBody()) {
            Optional<byte[]> read = readBody(ctx, route, Optional.of(user));
            if (read.isEmpty()) {
                return;
            }
            body = read.get();
        }
        handler.handle(ctx, new Caller(Optional.of(user), body));
    }

    /**
     * An operator route: only the operator token opens it ({@code Authorization: Bearer ...}, compared in
     * constant time over SHA-256 digests); a tenant's identity (dev header, JWT, HMAC) never does.
     */
    private void runOperator(Context ctx, Route route, RouteHandler handler) throws Exception {
        Optional<String> bearer = bearer(ctx);
        if (adminTokenDigest.isEmpty()) {
            writeProblem(ctx, fromJavalin(404));
            return;
        }
        if (bearer.isEmpty() || !MessageDigest.isEqual(sha256(bearer.get()), adminTokenDigest.get())) {
            ctx.header("WWW-Authenticate", "Bearer");
            refuseIdentity(ctx, route, Problem.unauthenticated(bearer.isEmpty() ? "missing_operator_token"
                    : "bad_operator_token", "This route needs the operator token: send Authorization: Bearer "
                    + "<TABLETALK_ADMIN_TOKEN>. A tenant's identity never opens it."), "operator_token");
            return;
        }
        UserContext operator = TargetConnections.operator();
        Optional<byte[]> body = readBody(ctx, route, Optional.of(operator));
        if (body.isEmpty()) {
            return;
        }
        handler.handle(ctx, new Caller(Optional.of(operator), body.get()));
    }

    private static Optional<String> bearer(Context ctx) {
        List<String> values = headers(ctx, "Authorization");
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(value.substring(7).strip())
                : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Answers a refused identity and records it, one by one or as part of its source's flood (PUB-105). */
    private void refuseIdentity(Context ctx, Route route, Problem problem, String transport) {
        metrics.recordAuthFailure(problem.reason());
        // INV-9: every refused request is recorded, floods as one counted entry; never the header itself
        refusedIdentities.refused(source(ctx), new AuthFailure(transport, problem.reason(),
                route.method() + " " + route.path(), Optional.empty()));
        String errorId = writeProblem(ctx, problem);
        // INV: no planner call, no echo of the header; the reason and error id are enough to investigate
        log.debug("identity refused on {} {}: {} (errorId {})", route.method(), route.path(), problem.reason(),
                errorId);
    }

    /** Answers a refusal of a verified caller's request and records it as that caller's event. */
    private void refuse(Context ctx, UserContext user, Route route, Problem problem, RefusalCode code) {
        refuse(ctx, user, route, problem, code, problem.reason());
    }

    private void refuse(Context ctx, UserContext user, Route route, Problem problem, RefusalCode code,
            String detail) {
        securityEvents.requestAnswered(AdapterEvent.refused(user, route.method() + " " + route.path(), detail, code));
        writeProblem(ctx, problem);
    }

    private static String source(Context ctx) {
        String address = ctx.req().getRemoteAddr();
        return address == null || address.isBlank() ? "unknown" : address;
    }

    // --- handlers ---------------------------------------------------------------------------------

    private void chat(Context ctx, Caller caller) {
        if (!isJson(ctx)) {
            refuseChat(ctx, caller, Problem.of(415, "unsupported_media_type", "Unsupported media type",
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
            refuseChat(ctx, caller, invalidBody(Json.isDuplicateKey(e)
                    ? "The request repeats a key; send each of sessionId, message and confirm at most once."
                    : "The request body is not valid JSON."));
            return Optional.empty();
        }
        if (!node.isObject()) {
            refuseChat(ctx, caller, invalidBody("The request body must be a JSON object with a message."));
            return Optional.empty();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHAT_FIELDS.contains(name)) {
                refuseChat(ctx, caller, invalidBody("Unknown member in the request; allowed are sessionId, message and "
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
            refuseChat(ctx, caller, invalidBody(e.getMessage()));
            return Optional.empty();
        }
        UserContext user = caller.requireUser();
        if (confirm.isPresent()) {
            if (sessionId.isEmpty()) {
                refuseChat(ctx, caller, invalidBody("A confirm needs the sessionId of the preview."));
                return Optional.empty();
            }
            return Optional.of(ChatRequest.confirm(sessionId.get(), user, confirm.get()));
        }
        if (message.isEmpty()) {
            refuseChat(ctx, caller, invalidBody("Send a message (or a confirm with the preview id)."));
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

    private void refuseChat(Context ctx, Caller caller, Problem problem) {
        refuse(ctx, caller.requireUser(), Route.CHAT, problem, RefusalCode.NOT_UNDERSTOOD);
    }

    private static Problem invalidBody(String detail) {
        return Problem.of(400, "invalid_body", "Invalid request body", detail);
    }

    private void schema(Context ctx, Caller caller) {
        SchemaView view = catalogView.schemaFor(caller.requireUser());
        writeJson(ctx, 200, SchemaJsonMapper.schema(view));
        securityEvents.requestAnswered(AdapterEvent.answered(caller.requireUser(),
                Route.SCHEMA.method() + " " + Route.SCHEMA.path(), "schema_read (" + view.entities().size()
                        + " entities)"));
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
     * {@code POST /admin/connect {"url": ...}}, for the operator only (checked by the gate): the URL must name a
     * {@code host:port} on the allowlist (URLs without a host never pass; the driver's default port counts as
     * named). Checked here, before any network access, and again by the port, which also requires TLS off
     * loopback and never adds the server's own password. Without the {@link TargetConnections} port the answer is
     * 501 and no connection is ever attempted. Refusals made here are recorded as the operator's refused connect
     * ({@code connect_<reason>}); the port records every call that reaches it. Neither the URL nor any part of
     * it is echoed, except the database description the port returns, which carries no credentials.
     */
    private void connect(Context ctx, Caller caller) {
        UserContext operator = caller.requireUser();
        String url;
        try {
            JsonNode node = Json.parse(caller.body());
            JsonNode value = node.get("url");
            if (!node.isObject() || node.size() != 1 || value == null || !value.isTextual()) {
                refuseConnect(ctx, operator, invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
                return;
            }
            url = value.textValue();
        } catch (IOException e) {
            refuseConnect(ctx, operator, invalidBody("Send {\"url\": \"postgresql://user@host:5432/db\"}."));
            return;
        }
        Optional<String> target;
        try {
            target = targetOf(url);
        } catch (IllegalArgumentException e) {
            refuseConnect(ctx, operator, Problem.of(400, "unsupported_url", "Unsupported database URL",
                    "Give a database URL that names one host, such as mariadb://user@host:3306/db or "
                            + "postgresql://user@host:5432/db."));
            return;
        }
        if (target.isEmpty() || !config.connectTargets().contains(target.get())) {
            refuseConnect(ctx, operator, Problem.of(403, "host_not_allowed", "Host not allowed",
                    "That host and port are not on the server's allowlist of databases (--allow-connect)."));
            return;
        }
        if (targetConnections.isEmpty()) {
            refuseConnect(ctx, operator, Problem.of(501, "connect_not_supported", "Not supported",
                    "This server serves the database it was started with; restart it with the new database URL."));
            return;
        }
        ConnectOutcome outcome = targetConnections.get().connect(url, operator);
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
            case "tls_required" -> Problem.of(400, "tls_required", "TLS required", refused.message());
            case "host_not_allowed" -> Problem.of(403, "host_not_allowed", "Host not allowed", refused.message());
            case "unsupported_url" -> Problem.of(400, "unsupported_url", "Unsupported database URL", refused.message());
            case "connection_failed" -> Problem.of(502, "connection_failed", "Connection failed", refused.message());
            case "audit_unavailable" -> Problem.of(503, "audit_unavailable", "Service unavailable", refused.message())
                    .retryAfter(5);
            default -> Problem.of(400, "connect_refused", "Connect refused", refused.message());
        };
    }

    /** Answers a refusal made before the port was reached, recorded as the operator's refused connect. */
    private void refuseConnect(Context ctx, UserContext operator, Problem problem) {
        refuse(ctx, operator, Route.CONNECT, problem, "host_not_allowed".equals(problem.reason())
                || "connect_not_supported".equals(problem.reason()) ? RefusalCode.ROLE_FORBIDS
                : RefusalCode.NOT_UNDERSTOOD, "connect_" + problem.reason());
    }

    /**
     * The {@code host:port} a database URL names, lower case ({@code [v6]:port} for IPv6), with the scheme's
     * default port when it names none ({@code 5432} for PostgreSQL, {@code 3306} for MariaDB/MySQL); empty when it
     * names no host (a file, an in-memory database, several hosts, the driver's default host).
     *
     * @throws IllegalArgumentException when the URL cannot be read at all
     */
    static Optional<String> targetOf(String url) {
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
        int port = uri.getPort();
        if (port < 0) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            port = scheme.startsWith("postgres") ? 5432 : scheme.startsWith("mariadb") || scheme.startsWith("mysql")
                    ? 3306 : -1;
        }
        if (port < 1) {
            return Optional.empty();
        }
        return Optional.of(TargetConnections.target(host + ":" + port));
    }

    // --- plumbing --------------------------------------------------------------------------------

    /**
     * The body, at most the configured size, read within the body deadline (Jetty's idle timeout and minimum data
     * rate end a read that stalls). Empty when it was refused (413 or 408); the refusal is answered and recorded
     * (as the caller's when known).
     */
    private Optional<byte[]> readBody(Context ctx, Route route, Optional<UserContext> user) {
        int limit = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            refuseBody(ctx, route, user, Problem.of(413, "body_too_large", "Request body too large",
                    "The request body is larger than " + limit + " bytes.").with("limit", limit),
                    RefusalCode.MESSAGE_TOO_LONG);
            return Optional.empty();
        }
        long deadline = System.nanoTime() + config.timeouts().body().toNanos();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = ctx.req().getInputStream();
            while (true) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("body deadline passed");
                }
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                bytes.write(buffer, 0, read);
                if (bytes.size() > limit) {
                    refuseBody(ctx, route, user, Problem.of(413, "body_too_large", "Request body too large",
                            "The request body is larger than " + limit + " bytes.").with("limit", limit),
                            RefusalCode.MESSAGE_TOO_LONG);
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // idle timeout, minimum data rate, the body deadline or a client that went away
            refuseBody(ctx, route, user, Problem.of(408, "request_timeout", "Request timeout",
                    "The request body did not arrive in time (" + config.timeouts().body().toSeconds()
                            + " s at most, no pause over " + config.timeouts().idle().toSeconds()
                            + " s); send it again at once."), RefusalCode.NOT_UNDERSTOOD);
            ctx.header("Connection", "close");
            return Optional.empty();
        }
        return Optional.of(bytes.toByteArray());
    }

    private void refuseBody(Context ctx, Route route, Optional<UserContext> user, Problem problem, RefusalCode code) {
        if (user.isPresent()) {
            refuse(ctx, user.get(), route, problem, code);
        } else {
            refuseIdentity(ctx, route, problem, config.authMode().name().toLowerCase(Locale.ROOT));
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
