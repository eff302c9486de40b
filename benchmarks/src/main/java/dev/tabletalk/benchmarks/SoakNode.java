package dev.tabletalk.benchmarks;

import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.testkit.db.DatabaseServer;
import java.net.URI;
import java.time.Duration;

/**
 * One of the soak's servers: its {@link TableTalk} (pools, rules planner, session, shared-state and audit clients on
 * the run's stores) and its {@link HttpServer} (dev identity, a fixed request pool).
 */
record SoakNode(TableTalk tableTalk, HttpServer http) implements AutoCloseable {

    /** The session store's idle time-to-live. */
    static final Duration IDLE_TTL = Duration.ofMinutes(2);
    /** The shared rate limits, per user and per tenant: far above the load, so nothing is refused by them. */
    private static final long RATE_LIMIT_PER_MINUTE = 1_000_000;
    /** Each server's request threads (http.threads): enough for the turns in flight at 200/s with a p99 of 1 s. */
    private static final int REQUEST_THREADS = 64;

    /** Starts a server on the target and on the stores' databases {@code sessions}, {@code shared} and {@code audit}. */
    static SoakNode start(String targetUrl, DatabaseServer server, String sessions, String shared, String audit) {
        TableTalk tableTalk = TableTalk.builder()
                .targetDatabase(targetUrl)
                .planner(RulesPlanner.create())
                .auditStore(server.urlWithUser(audit))
                .sessionStore(
                        server.url(sessions), server.user(), server.password().isEmpty() ? null : server.password())
                .sessionIdleTimeout(IDLE_TTL)
                .sharedState(server.urlWithUser(shared))
                .build();
        try {
            HttpServer http = HttpServer.create(
                            tableTalk.conversations(),
                            tableTalk.catalogView(),
                            tableTalk.securityEvents(),
                            HttpConfig.builder()
                                    .host("127.0.0.1")
                                    .port(0)
                                    .userRateLimit(HttpConfig.RateLimit.perMinute(RATE_LIMIT_PER_MINUTE))
                                    .tenantRateLimit(HttpConfig.RateLimit.perMinute(RATE_LIMIT_PER_MINUTE))
                                    // a fixed pool: Jetty's growing pool shrinks by one thread a minute after a
                                    // burst, and each request thread keeps its own buffers, so the heap would follow
                                    // the thread count, not what the servers hold
                                    .threads(REQUEST_THREADS)
                                    .build(),
                            tableTalk.targetConnections(),
                            tableTalk.operatorControls(),
                            tableTalk.rateLimitBuckets().orElseThrow())
                    .start();
            return new SoakNode(tableTalk, http);
        } catch (RuntimeException e) {
            tableTalk.close();
            throw e;
        }
    }

    URI chat() {
        return URI.create("http://127.0.0.1:" + http.port() + "/chat");
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            tableTalk.close();
        }
    }
}
