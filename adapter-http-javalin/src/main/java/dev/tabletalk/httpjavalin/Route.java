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
 * @param rateLimited whether a request takes a token of its caller's per-user and per-tenant rate limits: every
 *     authenticated route's, and of a mounted servlet's only a {@code POST} (see {@link #mounted})
 */
record Route(
        String method,
        String path,
        String name,
        String summary,
        boolean authenticated,
        boolean operator,
        boolean rateLimited) {

    Route(String method, String path, String name, String summary, boolean authenticated) {
        this(method, path, name, summary, authenticated, false);
    }

    Route(String method, String path, String name, String summary, boolean authenticated, boolean operator) {
        this(method, path, name, summary, authenticated, operator, authenticated && !operator);
    }

    /**
     * A request to a servlet mounted at {@code path} ({@link HttpServer#mount}): authenticated as {@code POST /chat},
     * and rate limited only when it is a {@code POST} (an MCP message: a tool call, the session's opening). The
     * stream a client keeps open ({@code GET}) and the end of its session ({@code DELETE}) take no token, so that
     * re-opening a stream or closing a session never uses up the caller's turns.
     */
    static Route mounted(String method, String path, String name, String summary) {
        return new Route(method, path, name, summary, true, false, "POST".equals(method));
    }

    /** The methods a mounted servlet is documented with: those of the MCP Streamable HTTP transport. */
    static final List<String> MOUNTED_METHODS = List.of("POST", "GET", "DELETE");

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

    static final Route READ_ONLY_STATUS = new Route(
            "GET",
            "/admin/read-only",
            "read_only_status",
            "Operator only (Authorization: Bearer TABLETALK_ADMIN_TOKEN), absent (404) without the token: whether "
                    + "read-only mode (every write refused) is on",
            false,
            true);
    static final Route READ_ONLY_SWITCH = new Route(
            "POST",
            "/admin/read-only",
            "read_only_switch",
            "Operator only (Authorization: Bearer TABLETALK_ADMIN_TOKEN), absent (404) without the token: switches "
                    + "read-only mode on or off for the next turn of every session; audited",
            false,
            true);
    static final Route RELOAD = new Route(
            "POST",
            "/admin/reload",
            "reload",
            "Operator only (Authorization: Bearer TABLETALK_ADMIN_TOKEN), absent (404) without the token: reads the "
                    + "settings and the catalog again without a restart; settings that do not validate are refused "
                    + "and the running ones stay; audited",
            false,
            true);

    /** Every route, in documentation order. */
    static final List<Route> ALL =
            List.of(CHAT, SCHEMA, HEALTH, METRICS, OPENAPI, CONNECT, READ_ONLY_STATUS, READ_ONLY_SWITCH, RELOAD);
}
