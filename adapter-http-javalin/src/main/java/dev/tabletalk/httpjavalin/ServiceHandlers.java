package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The open routes about the server itself: {@code GET /health} (with {@code readOnly} when the server has the
 * operator controls, and the target generation when it can connect databases: 503 {@code not_connected} while it
 * has not followed the operator's latest connect), {@code GET /metrics}, {@code GET /openapi.json}.
 */
final class ServiceHandlers {

    private final HttpMetrics metrics;
    private final HttpConfig config;
    private final Supplier<List<Route>> mountedRoutes;
    private final Optional<OperatorControls> operatorControls;
    private final Optional<TargetConnections> targetConnections;
    private volatile byte[] openApi;

    /**
     * @param mountedRoutes the routes of the servlets mounted beside ours, documented in {@code /openapi.json}: read
     *     once, at the first request for it (servlets are mounted before the server starts, never after)
     */
    ServiceHandlers(
            HttpMetrics metrics,
            HttpConfig config,
            Optional<OperatorControls> operatorControls,
            Optional<TargetConnections> targetConnections,
            Supplier<List<Route>> mountedRoutes) {
        this.metrics = metrics;
        this.config = config;
        this.mountedRoutes = mountedRoutes;
        this.operatorControls = operatorControls;
        this.targetConnections = targetConnections;
    }

    void health(Context ctx) {
        Map<String, Object> health = new LinkedHashMap<>();
        Optional<TargetConnections.TargetStatus> target = targetConnections.map(TargetConnections::status);
        // a server that has not followed the operator's latest connect serves no database: out of the balancer
        boolean serving = target.map(TargetConnections.TargetStatus::current).orElse(true);
        health.put("status", serving ? "up" : "not_connected");
        // whether writes are refused right now: monitoring sees an emergency switch left on
        operatorControls.ifPresent(controls -> health.put("readOnly", controls.readOnly()));
        target.ifPresent(status -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("generation", status.generation());
            shown.put("current", status.current());
            health.put("target", shown);
        });
        Exchange.writeJson(ctx, serving ? 200 : 503, health);
    }

    void metrics(Context ctx) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    void openApi(Context ctx) {
        byte[] document = openApi;
        if (document == null) {
            // built at most a few times at once, always the same bytes
            document = StrictJson.write(OpenApiDocument.build(config, mountedRoutes.get()));
            openApi = document;
        }
        ctx.status(200).contentType(Exchange.JSON).result(document);
    }
}
