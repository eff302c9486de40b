package dev.tabletalk.httpjavalin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's metrics in its own Prometheus registry: {@code tabletalk_http_requests_seconds} per route,
 * method, status and outcome, and {@code tabletalk_http_auth_failures_total} per reason. Tags only take values
 * from closed sets (route names, reason codes), never from request content, so the timers are few: each is
 * registered once and then looked up by its tags, not built again for every request.
 */
final class HttpMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<RequestTags, Timer> requestTimers = new ConcurrentHashMap<>();

    /** The tags of one request timer. */
    private record RequestTags(String route, String method, int status, String outcome) {}

    void recordRequest(String route, String method, int status, String outcome, Duration duration) {
        requestTimers
                .computeIfAbsent(new RequestTags(route, method, status, outcome), this::requestTimer)
                .record(duration);
    }

    private Timer requestTimer(RequestTags tags) {
        return Timer.builder("tabletalk.http.requests")
                .description("HTTP requests by route and outcome")
                .tag("route", tags.route())
                .tag("method", tags.method())
                .tag("status", Integer.toString(tags.status()))
                .tag("outcome", tags.outcome())
                .register(registry);
    }

    void recordAuthFailure(String reason) {
        Counter.builder("tabletalk.http.auth.failures")
                .description("Requests refused because the identity was missing, malformed or forged")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }
}
