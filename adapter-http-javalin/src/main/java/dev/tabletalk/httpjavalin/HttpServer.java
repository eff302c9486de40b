package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.IdentityVerifier;
import dev.tabletalk.identity.IdentityVerifiers;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TableTalk's HTTP server (Javalin 7 on Jetty 12): {@code POST /chat}, {@code GET /schema}, {@code GET /health},
 * {@code GET /metrics}, {@code GET /openapi.json} and, with an operator token, {@code POST /admin/connect},
 * {@code GET} and {@code POST /admin/read-only} and {@code POST /admin/reload}; and servlets of other adapters
 * {@linkplain #mount mounted} behind the same gate (MCP at {@code /mcp}).
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(tableTalk.conversations(), tableTalk.catalogView(),
 *         tableTalk.securityEvents(), HttpConfig.builder().port(8080).build()).start();
 * // with POST /admin/connect: HttpConfig.builder().adminToken(token).connectTargets(Set.of("db.internal:5432"))
 * // and HttpServer.create(..., config, tableTalk.targetConnections())
 * // ... server.port(), later server.stop()
 * }</pre>
 *
 * <p>Every authenticated request passes, in order: the identity check of the configured {@link AuthMode}
 * (400/401 with a machine-readable {@code reason}; the planner is never called, the header is never echoed, and
 * for dev and JWT identities no byte of the body is read), the per-user and per-tenant rate limits (429 with
 * {@code Retry-After}), then the body within its limit (413) and its deadlines (408; see
 * {@link HttpConfig.RequestTimeouts}). Refused identities are recorded one by one up to a number per source and
 * window, then as one flood record; refusals of a verified caller and schema reads as that caller's events.
 * Every error is an
 * RFC 9457 problem document with an error id and no stack trace. Replies, including refusals, are 200 with the
 * reply JSON of {@code tabletalk chat --json}.
 *
 * <p>Thread-safe. {@link #stop()} (or {@link #close()}) stops the server; it does not close the ports it was given.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** The name of the request threads, as Javalin names its own pool. */
    static final String THREAD_POOL_NAME = "JettyServerThreadPool";

    private final HttpConfig config;
    private final HttpMetrics metrics;
    private final RefusedIdentityLog refusedIdentities;
    private final Javalin javalin;
    private final List<Mount> mounts;
    private volatile boolean started;
    private volatile boolean stopped;

    private HttpServer(
            HttpConfig config,
            HttpMetrics metrics,
            RefusedIdentityLog refusedIdentities,
            Javalin javalin,
            List<Mount> mounts) {
        this.config = config;
        this.metrics = metrics;
        this.refusedIdentities = refusedIdentities;
        this.javalin = javalin;
        this.mounts = mounts;
    }

    /**
     * A server for these ports, not yet started.
     *
     * @param conversations the inbound port that runs turns
     * @param catalogView the per-caller schema view for {@code GET /schema}
     * @param securityEvents where refused identities are recorded (the audit log)
     * @param config the server settings
     * @throws ConfigurationException for a dev identity on a non-loopback address without
     *     {@link HttpConfig#forceDevOnNonLoopback()}, or JWT keys that cannot be read
     */
    public static HttpServer create(
            Conversations conversations, CatalogView catalogView, SecurityEvents securityEvents, HttpConfig config) {
        return create(
                conversations,
                catalogView,
                securityEvents,
                config,
                Optional.empty(),
                Optional.empty(),
                Clock.systemUTC());
    }

    /**
     * A server for these ports that can also switch the target database: when {@link HttpConfig#connectEnabled()}
     * (an operator token is set), {@code POST /admin/connect} checks the operator token and the {@code host:port}
     * allowlist, then asks {@code targetConnections} to connect. Without this port (the four-argument factory) an
     * enabled route still checks token and allowlist but answers 501 {@code connect_not_supported} and never opens
     * a connection.
     *
     * @param targetConnections switches the database of every new turn
     * @throws ConfigurationException as {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig)}
     */
    public static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            TargetConnections targetConnections) {
        return create(
                conversations,
                catalogView,
                securityEvents,
                config,
                Optional.of(Objects.requireNonNull(targetConnections, "targetConnections")),
                Optional.empty(),
                Clock.systemUTC());
    }

    /**
     * A server for these ports with every operator act: when {@link HttpConfig#adminEnabled()} (an operator token
     * is set), {@code POST /admin/connect} as in
     * {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig, TargetConnections)}, and
     * {@code GET}/{@code POST /admin/read-only} and {@code POST /admin/reload} through {@code operatorControls}
     * (without it they check the token and answer 501). {@code GET /health} then reports {@code readOnly}.
     *
     * @param targetConnections switches the database of every new turn
     * @param operatorControls the read-only switch and reload
     * @throws ConfigurationException as {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig)}
     */
    public static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            TargetConnections targetConnections,
            OperatorControls operatorControls) {
        return create(
                conversations,
                catalogView,
                securityEvents,
                config,
                Optional.of(Objects.requireNonNull(targetConnections, "targetConnections")),
                Optional.of(Objects.requireNonNull(operatorControls, "operatorControls")),
                Clock.systemUTC());
    }

    /**
     * A server with every operator act, as
     * {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig, TargetConnections, OperatorControls)},
     * whose rate limits take their tokens from {@code rateLimitBuckets}: buckets several servers share, so that N
     * servers behind one load balancer never grant N times the limit. The other factories keep the buckets in this
     * process's memory. When the shared buckets cannot be reached a request is refused with 503, never let through.
     *
     * @param rateLimitBuckets the buckets of the per-user and per-tenant limits
     * @throws ConfigurationException as {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig)}
     */
    public static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            TargetConnections targetConnections,
            OperatorControls operatorControls,
            TokenBuckets rateLimitBuckets) {
        return create(
                conversations,
                catalogView,
                securityEvents,
                config,
                Optional.of(Objects.requireNonNull(targetConnections, "targetConnections")),
                Optional.of(Objects.requireNonNull(operatorControls, "operatorControls")),
                Objects.requireNonNull(rateLimitBuckets, "rateLimitBuckets"),
                Clock.systemUTC());
    }

    static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            Clock clock) {
        return create(conversations, catalogView, securityEvents, config, Optional.empty(), Optional.empty(), clock);
    }

    static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            Optional<TargetConnections> targetConnections,
            Optional<OperatorControls> operatorControls,
            Clock clock) {
        return create(
                conversations,
                catalogView,
                securityEvents,
                config,
                targetConnections,
                operatorControls,
                new MemoryTokenBuckets(),
                clock);
    }

    private static HttpServer create(
            Conversations conversations,
            CatalogView catalogView,
            SecurityEvents securityEvents,
            HttpConfig config,
            Optional<TargetConnections> targetConnections,
            Optional<OperatorControls> operatorControls,
            TokenBuckets rateLimitBuckets,
            Clock clock) {
        Objects.requireNonNull(targetConnections, "targetConnections");
        Objects.requireNonNull(operatorControls, "operatorControls");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(catalogView, "catalogView");
        Objects.requireNonNull(securityEvents, "securityEvents");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        IdentityVerifier verifier = verifier(config, clock);
        HttpMetrics metrics = new HttpMetrics();
        List<Mount> mounts = new CopyOnWriteArrayList<>();
        RefusedIdentityLog refusedIdentities = new RefusedIdentityLog(
                securityEvents,
                config.authFailureAudit(),
                config.authMode().name().toLowerCase(Locale.ROOT));
        HttpRoutes routes = new HttpRoutes(
                conversations,
                catalogView,
                securityEvents,
                targetConnections,
                operatorControls,
                config,
                verifier,
                metrics,
                refusedIdentities,
                rateLimitBuckets,
                () -> mounts.stream().flatMap(Mount::routes).toList());
        HttpConfig.RequestTimeouts timeouts = config.timeouts();
        AtomicReference<Server> jetty = new AtomicReference<>();
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.http.maxRequestSize = config.maxBodyBytes();
            if (config.threads() != HttpConfig.GROWING_THREADS) {
                QueuedThreadPool fixed = new QueuedThreadPool(config.threads(), config.threads());
                fixed.setName(THREAD_POOL_NAME);
                javalinConfig.jetty.threadPool = fixed;
            }
            javalinConfig.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                if (timeouts.minBytesPerSecond() > 0) {
                    // Jetty's minimum data rate: a body that trickles in slower fails its reads (PUB-104)
                    server.setHandler(new MinimumDataRateHandler(timeouts.minBytesPerSecond(), 0));
                }
                jetty.set(server);
            });
            // a client silent for longer than the idle timeout, while sending headers or body, is cut off
            javalinConfig.events.serverStarting(() -> {
                for (Connector connector : jetty.get().getConnectors()) {
                    if (connector instanceof AbstractConnector bounded) {
                        bounded.setIdleTimeout(timeouts.idle().toMillis());
                        // a first request's headers must be complete in time, however they trickle in
                        bounded.addBean(new HeaderDeadline(timeouts.headers(), bounded.getScheduler()));
                    }
                }
            });
            javalinConfig.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(timeouts.idle().toMillis());
                // above the identity limit, so an oversized identity header gets our own 400 with a reason
                http.setRequestHeaderSize(Math.max(16 * 1024, 2 * config.maxContextHeaderBytes()));
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            // a mounted servlet's exact path wins over Javalin's servlet at /*
            javalinConfig.jetty.modifyServletContextHandler(context -> mounts.forEach(mount -> {
                FilterHolder gate = new FilterHolder(routes.gateOf(mount.path(), mount.name(), mount.summary()));
                gate.setAsyncSupported(true);
                context.addFilter(gate, mount.path(), EnumSet.of(DispatcherType.REQUEST));
                ServletHolder servlet = new ServletHolder(mount.servlet());
                servlet.setAsyncSupported(true);
                context.addServlet(servlet, mount.path());
            }));
            routes.register(javalinConfig);
        });
        return new HttpServer(config, metrics, refusedIdentities, javalin, mounts);
    }

    private static IdentityVerifier verifier(HttpConfig config, Clock clock) {
        if (config.authMode() == AuthMode.DEV) {
            boolean loopback = isLoopback(config.host());
            if (!loopback && !config.forceDevOnNonLoopback()) {
                throw new ConfigurationException("dev identity (an unsigned X-User-Context header) is allowed only "
                        + "on a loopback address, not on " + config.host() + ": use --auth jwt or --auth hmac, "
                        + "bind to 127.0.0.1, or force dev identity explicitly");
            }
            if (!loopback) {
                log.warn(
                        "DEV IDENTITY FORCED ON {}: anyone who can reach this address can claim any user and "
                                + "tenant. Never do this in production.",
                        config.host());
            } else {
                log.warn("dev identity: the X-User-Context header is trusted without a signature (loopback only)");
            }
        }
        return IdentityVerifiers.create(config.identity(), clock);
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ConfigurationException("the HTTP host " + host + " cannot be resolved", e);
        }
    }

    /**
     * Serves {@code servlet} at {@code path} behind the same gate as {@code POST /chat}: every request to it passes
     * the identity check of the configured {@link AuthMode}, the per-user and per-tenant rate limits (a {@code POST}
     * only: the stream a client keeps open with {@code GET} and the end of its session with {@code DELETE} take no
     * token) and, for a {@code POST}, the JSON type and body limits; a refused one is answered with the same problem
     * document (401, 429, 413, ...) and never reaches the servlet. An admitted request carries its caller
     * ({@link #verifiedCaller(ServletRequest)}) and a body that is readable again. The servlet may answer
     * asynchronously (a stream of server-sent events, for instance); it is destroyed when the server stops.
     *
     * <p>{@code GET /openapi.json} lists the path with {@code POST}, {@code GET} and {@code DELETE} as the MCP
     * Streamable HTTP transport uses them, under the same security scheme as {@code POST /chat}; {@code GET /metrics}
     * counts its requests in {@code tabletalk_http_requests_seconds} with {@code name} as the route.
     *
     * @param path the exact path, e.g. {@code /mcp}; none of the server's own routes
     * @param name the path's name in logs, metrics and audit records, e.g. {@code mcp}
     * @param summary one line for {@code /openapi.json}, e.g. {@code The MCP endpoint}
     * @return this server
     * @throws IllegalStateException once the server is started
     */
    public synchronized HttpServer mount(String path, String name, String summary, Servlet servlet) {
        if (started || stopped) {
            throw new IllegalStateException("mount a servlet before the server starts");
        }
        Mount mount = new Mount(path, name, summary, servlet);
        if (Route.ALL.stream().anyMatch(route -> route.path().equals(mount.path()))
                || mounts.stream().anyMatch(other -> other.path().equals(mount.path()))) {
            throw new IllegalArgumentException(path + " is taken already: mount the servlet at another path");
        }
        mounts.add(mount);
        return this;
    }

    /**
     * Serves {@code servlet} at {@code path} as {@link #mount(String, String, String, Servlet)}, documented with a
     * summary that names the path only.
     */
    public HttpServer mount(String path, String name, Servlet servlet) {
        return mount(path, name, "The endpoint '" + name + "' of another adapter", servlet);
    }

    /**
     * The caller the gate verified for a request to a mounted servlet ({@link #mount}); empty for any other
     * request. The servlet takes the caller from here, never from the request's content.
     */
    public static Optional<UserContext> verifiedCaller(ServletRequest request) {
        return MountedServletGate.caller(request);
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws ConfigurationException when the address cannot be bound (e.g. the port is in use)
     * @throws IllegalStateException after {@link #stop()}
     */
    public synchronized HttpServer start() {
        if (stopped) {
            throw new IllegalStateException("a stopped server cannot be started again: create a new one");
        }
        if (started) {
            return this;
        }
        try {
            javalin.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "the HTTP server cannot listen on " + config.host() + ":" + config.port()
                            + " (is the port in use?)",
                    e);
        }
        started = true;
        log.info(
                "TableTalk HTTP listening on http://{}:{} (auth {})",
                config.host(),
                port(),
                config.authMode().name().toLowerCase(Locale.ROOT));
        return this;
    }

    /** The bound port (the chosen one when the configured port was 0); only after {@link #start()}. */
    public int port() {
        if (!started) {
            throw new IllegalStateException("the server is not started");
        }
        return javalin.port();
    }

    /** The settings the server runs with. */
    public HttpConfig config() {
        return config;
    }

    /** Stops serving; idempotent. A stopped server cannot be started again. */
    public synchronized void stop() {
        if (started) {
            javalin.stop();
            started = false;
        }
        if (!stopped) {
            stopped = true;
            metrics.close();
            refusedIdentities.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A servlet served at an exact path behind the gate. */
    private record Mount(String path, String name, String summary, Servlet servlet) {

        Mount {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(servlet, "servlet");
            if (!path.matches("/[a-z0-9][a-z0-9/_-]*")) {
                throw new IllegalArgumentException(
                        "a mounted servlet's path is an exact path such as /mcp, not '" + path + "'");
            }
        }

        /** The path's documented methods. */
        Stream<Route> routes() {
            return Route.MOUNTED_METHODS.stream().map(method -> Route.mounted(method, path, name, summary));
        }
    }
}
