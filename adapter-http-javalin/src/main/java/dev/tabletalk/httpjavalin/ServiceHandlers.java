package dev.tabletalk.httpjavalin;

import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import java.util.Map;

/** The open routes about the server itself: {@code GET /health}, {@code GET /metrics}, {@code GET /openapi.json}. */
final class ServiceHandlers {

    private final HttpMetrics metrics;
    private final byte[] openApi;

    ServiceHandlers(HttpMetrics metrics, HttpConfig config) {
        this.metrics = metrics;
        this.openApi = StrictJson.write(OpenApiDocument.build(config));
    }

    void health(Context ctx) {
        Exchange.writeJson(ctx, 200, Map.of("status", "up"));
    }

    void metrics(Context ctx) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType(Exchange.JSON).result(openApi);
    }
}
