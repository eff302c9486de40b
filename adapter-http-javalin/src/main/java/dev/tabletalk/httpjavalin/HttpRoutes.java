package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.identity.IdentityVerifier;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires the API: the {@link SecurityHeaders} on every response, the web console's static files at {@code /}, the
 * {@link CallerGate} as the {@code before} handler of every route, one handler class per route group (chat, schema,
 * health/metrics/openapi, admin/connect, admin/read-only and admin/reload), the problem mappings of
 * {@link HttpErrors} and the request metrics. Handlers call only the inbound ports.
 */
final class HttpRoutes {

    /** Where the web console's files are on the classpath. */
    static final String CONSOLE_DIRECTORY = "/console";

    private final HttpConfig config;
    private final HttpMetrics metrics;
    private final CallerGate gate;
    private final HttpErrors problems;
    private final ChatHandler chat;
    private final SchemaHandler schema;
    private final ServiceHandlers service;
    private final ConnectHandler connect;
    private final OperatorHandlers operator;

    HttpRoutes(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            Optional<TargetConnections> targetConnections,
            Optional<OperatorControls> operatorControls,
            HttpConfig config,
            IdentityVerifier verifier,
            HttpMetrics metrics,
            RefusedIdentityLog refusedIdentities,
            TokenBuckets buckets,
            Supplier<List<Route>> mountedRoutes) {
        Refusals refusals = new Refusals(securityEvents, metrics, refusedIdentities);
        this.config = config;
        this.metrics = metrics;
        this.gate = new CallerGate(config, verifier, refusals, buckets);
        this.problems = new HttpErrors(config.authMode());
        this.chat = new ChatHandler(conversations, refusals);
        this.schema = new SchemaHandler(catalogView, securityEvents);
        this.service = new ServiceHandlers(metrics, config, operatorControls, targetConnections, mountedRoutes);
        this.connect = new ConnectHandler(targetConnections, config.connectTargets(), refusals);
        this.operator = new OperatorHandlers(operatorControls, refusals);
    }

    /** The gate in front of a servlet mounted at {@code path}, answering refusals as the routes do. */
    MountedServletGate gateOf(String path, String name, String summary) {
        return new MountedServletGate(gate, problems, metrics, path, name, summary);
    }

    void register(JavalinConfig javalin) {
        javalin.routes.before(SecurityHeaders::apply);
        // the web console: static ES modules and CSS from the jar, index.html at /
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = CONSOLE_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = SecurityHeaders.ALL;
        });
        route(javalin, Route.CHAT, chat);
        route(javalin, Route.SCHEMA, schema);
        route(javalin, Route.HEALTH, service::health);
        route(javalin, Route.METRICS, service::metrics);
        route(javalin, Route.OPENAPI, service::openApi);
        if (config.adminEnabled()) {
            // without the operator token the /admin routes do not exist at all (404)
            route(javalin, Route.CONNECT, connect);
            route(javalin, Route.READ_ONLY_STATUS, operator::readOnlyStatus);
            route(javalin, Route.READ_ONLY_SWITCH, operator::readOnlySwitch);
            route(javalin, Route.RELOAD, operator::reload);
        }
        problems.install(javalin);
        javalin.requestLogger.http((ctx, millis) -> {
            String route = Optional.ofNullable(ctx.<String>attribute(Exchange.ROUTE_ATTRIBUTE))
                    .orElse("unmatched");
            String outcome = Optional.ofNullable(ctx.<String>attribute(Exchange.OUTCOME_ATTRIBUTE))
                    .orElse(ctx.statusCode() < 400 ? "ok" : ctx.statusCode() < 500 ? "client_error" : "server_error");
            metrics.recordRequest(route, ctx.method().name(), ctx.statusCode(), outcome, Duration.ofNanos((long)
                    (millis * 1_000_000.0)));
        });
    }

    /** The route's endpoint behind the gate, which runs only when this endpoint matched. */
    private void route(JavalinConfig javalin, Route route, Handler handler) {
        javalin.routes.beforeMatched(route.path(), ctx -> {
            // two routes may share a path (GET and POST /admin/read-only): each gate admits its own method only
            if (ctx.method().name().equals(route.method())) {
                gate.admit(ctx, route);
            }
        });
        if ("POST".equals(route.method())) {
            javalin.routes.post(route.path(), handler);
        } else {
            javalin.routes.get(route.path(), handler);
        }
    }
}
