package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.in.TargetConnections;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TableTalk's HTTP server (Javalin 7 on Jetty 12): {@code POST /chat}, {@code GET /schema}, {@code GET /health},
 * {@code GET /metrics}, {@code GET /openapi.json} and, when enabled, {@code POST /connect}.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(tableTalk.conversations(), tableTalk.catalogView(),
 *         tableTalk.securityEvents(), HttpConfig.builder().port(8080).build()).start();
 * // with POST /connect: HttpConfig.builder().connect(true, Set.of("db.internal")) and
 * // HttpServer.create(..., config, tableTalk.targetConnections())
 * // ... server.port(), later server.stop()
 * }</pre>
 *
 * <p>Every authenticated request passes, in order: the body limit (413), the identity check of the configured
 * {@link AuthMode} (400/401 with a machine-readable {@code reason}; the planner is never called and the header
 * is never echoed), the per-user and per-tenant rate limits (429 with {@code Retry-After}). Every error is an
 * RFC 9457 problem document with an error id and no stack trace. Replies, including refusals, are 200 with the
 * reply JSON of {@code tabletalk chat --json}.
 *
 * <p>Thread-safe. {@link #stop()} (or {@link #close()}) stops the server; it does not close the ports it was given.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final HttpConfig config;
    private final HttpMetrics metrics;
    private final Javalin javalin;
    private volatile boolean started;
    private volatile boolean stopped;

    private HttpServer(HttpConfig config, HttpMetrics metrics, Javalin javalin) {
        this.config = config;
        this.metrics = metrics;
        this.javalin = javalin;
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
    public static HttpServer create(Conversations conversations, CatalogView catalogView,
            SecurityEvents securityEvents, HttpConfig config) {
        return create(conversations, catalogView, securityEvents, config, Optional.empty(), Clock.systemUTC());
    }

    /**
     * A server for these ports that can also switch the target database: when {@link HttpConfig#connectEnabled()},
     * {@code POST /connect} checks the caller (admin) and the host allowlist, then asks {@code targetConnections}
     * to connect. Without this port (the four-argument factory) an enabled {@code /connect} still checks role and
     * allowlist but answers 501 {@code connect_not_supported} and never opens a connection.
     *
     * @param targetConnections switches the database of every new turn
     * @throws ConfigurationException as {@link #create(Conversations, CatalogView, SecurityEvents, HttpConfig)}
     */
    public static HttpServer create(Conversations conversations, CatalogView catalogView,
            SecurityEvents securityEvents, HttpConfig config, TargetConnections targetConnections) {
        return create(conversations, catalogView, securityEvents, config,
                Optional.of(Objects.requireNonNull(targetConnections, "targetConnections")), Clock.systemUTC());
    }

    static HttpServer create(Conversations conversations, CatalogView catalogView, SecurityEvents securityEvents,
            HttpConfig config, Clock clock) {
        return create(conversations, catalogView, securityEvents, config, Optional.empty(), clock);
    }

    static HttpServer create(Conversations conversations, CatalogView catalogView, SecurityEvents securityEvents,
            HttpConfig config, Optional<TargetConnections> targetConnections, Clock clock) {
        Objects.requireNonNull(targetConnections, "targetConnections");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(catalogView, "catalogView");
        Objects.requireNonNull(securityEvents, "securityEvents");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Authenticator authenticator = authenticator(config, clock);
        HttpMetrics metrics = new HttpMetrics();
        HttpRoutes routes = new HttpRoutes(conversations, catalogView, securityEvents, targetConnections, config,
                authenticator, metrics);
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.http.maxRequestSize = config.maxBodyBytes();
            javalinConfig.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            javalinConfig.jetty.modifyHttpConfiguration(http -> {
                // above the identity limit, so an oversized identity header gets our own 400 with a reason
                http.setRequestHeaderSize(Math.max(16 * 1024, 2 * config.maxContextHeaderBytes()));
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            routes.register(javalinConfig);
        });
        return new HttpServer(config, metrics, javalin);
    }

    private static Authenticator authenticator(HttpConfig config, Clock clock) {
        switch (config.authMode()) {
            case DEV:
                boolean loopback = isLoopback(config.host());
                if (!loopback && !config.forceDevOnNonLoopback()) {
                    throw new ConfigurationException("dev identity (an unsigned X-User-Context header) is allowed only "
                            + "on a loopback address, not on " + config.host() + ": use --auth jwt or --auth hmac, "
                            + "bind to 127.0.0.1, or force dev identity explicitly");
                }
                if (!loopback) {
                    log.warn("DEV IDENTITY FORCED ON {}: anyone who can reach this address can claim any user and "
                            + "tenant. Never do this in production.", config.host());
                } else {
                    log.warn("dev identity: the X-User-Context header is trusted without a signature (loopback only)");
                }
                return new DevAuthenticator(config.maxContextHeaderBytes());
            case JWT:
                return new JwtAuthenticator(config.jwt().orElseThrow(), clock);
            case HMAC:
                return new HmacAuthenticator(config.hmac().orElseThrow(), config.maxContextHeaderBytes(), clock);
            default:
                throw new IllegalStateException("unknown auth mode " + config.authMode());
        }
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
            throw new ConfigurationException("the HTTP server cannot listen on " + config.host() + ":" + config.port()
                    + " (is the port in use?)", e);
        }
        started = true;
        log.info("TableTalk HTTP listening on http://{}:{} (auth {})", config.host(), port(),
                config.authMode().name().toLowerCase(java.util.Locale.ROOT));
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
        }
    }

    @Override
    public void close() {
        stop();
    }
}
