package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open routes about the server itself: {@code GET /health} (with {@code readOnly} when the server has the
 * operator controls), {@code GET /metrics}, {@code GET /openapi.json}.
 */
final class ServiceHandlers {

    private final HttpMetrics metrics;
    private final byte[] openApi;
    private final Optional<OperatorControls> operatorControls;

    ServiceHandlers(HttpMetrics metrics, HttpConfig config, Optional<OperatorControls> operatorControls) {
        this.metrics = metrics;
        this.openApi = StrictJson.write(OpenApiDocument.build(config));
        this.operatorControls = operatorControls;
    }

    void health(Context ctx) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "up");
        // whether writes are refused right now: monitoring sees an emergency switch left on
        operatorControls.ifPresent(controls -> health.put("readOnly", controls.readOnly()));
        Exchange.writeJson(ctx, 200, health);
    }

    void metrics(Context ctx) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType(Exchange.JSON).result(openApi);
    }
}
