package dev.tabletalk.httpjavalin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The server's metrics in its own Prometheus registry: {@code tabletalk_http_requests_seconds} per route,
 * method, status and outcome, and {@code tabletalk_http_auth_failures_total} per reason. Tags only take values
 * from closed sets (route names, reason codes), never from request content.
 */
final class HttpMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void recordRequest(String route, String method, int status, String outcome, Duration duration) {
        Timer.builder("tabletalk.http.requests")
                .description("HTTP requests by route and outcome")
                .tag("route", route)
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
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
