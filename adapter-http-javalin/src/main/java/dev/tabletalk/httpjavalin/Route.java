package dev.tabletalk.httpjavalin;

import java.util.List;

/**
 * One route of the API, as registered and as documented in {@code /openapi.json}.
 *
 * @param method the HTTP method
 * @param path the path
 * @param name the route's name in metrics and the OpenAPI operation id
 * @param summary one line for the documentation
 * @param authenticated whether the caller's (tenant) identity is required
 * @param operator whether the route is an operator act: authenticated by the operator token only, never by a
 *     tenant's identity, and absent (404) without one
 */
record Route(String method, String path, String name, String summary, boolean authenticated, boolean operator) {

    Route(String method, String path, String name, String summary, boolean authenticated) {
        this(method, path, name, summary, authenticated, false);
    }

    static final Route CHAT = new Route(
            "POST",
            "/chat",
            "chat",
            "One turn of a conversation: a message, or a structured confirm of a preview",
            true);
    static final Route SCHEMA =
            new Route("GET", "/schema", "schema", "The exposed schema as the caller's role may see it", true);
    static final Route HEALTH = new Route("GET", "/health", "health", "Liveness of the server", false);
    static final Route METRICS = new Route(
            "GET",
            "/metrics",
            "metrics",
            "Request counts and latencies per route and outcome, in the Prometheus text format",
            false);
    static final Route OPENAPI =
            new Route("GET", "/openapi.json", "openapi", "This API description (OpenAPI 3.1)", false);
    static final Route CONNECT = new Route(
            "POST",
            "/admin/connect",
            "connect",
            "Operator only (Authorization: Bearer TABLETALK_ADMIN_TOKEN), absent (404) without the token: switches "
                    + "the database of every new turn to a URL whose host:port is on the server's allowlist; pending "
                    + "previews of the old database cannot be confirmed after it",
            false,
            true);

    /** Every route, in documentation order. */
    static final List<Route> ALL = List.of(CHAT, SCHEMA, HEALTH, METRICS, OPENAPI, CONNECT);
}
