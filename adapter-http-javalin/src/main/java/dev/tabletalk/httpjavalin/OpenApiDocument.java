package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.OpenApiMaps.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of every route in {@link Route#ALL} and of every mounted servlet's path (MCP at
 * {@code /mcp}), written by hand (no OpenAPI plugin exists for Javalin 7). The security scheme follows the server's
 * auth mode.
 *
 * <p>Assembles the parts: {@link OpenApiPaths} (one operation per served route), {@link OpenApiSchemas},
 * {@link OpenApiSecurity} and {@link OpenApiProblems} (the problem document and the shared error response).
 */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static Map<String, Object> build(HttpConfig config) {
        return build(config, List.of());
    }

    /** The document with the routes of the mounted servlets ({@link Route#mounted}) after the server's own. */
    static Map<String, Object> build(HttpConfig config, List<Route> mountedRoutes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put(
                "info",
                map(
                        "title",
                        "TableTalk HTTP API",
                        "version",
                        "0.1.0",
                        "description",
                        "A conversational admin agent for a database. Every turn goes through POST /chat; "
                                + "writes stop at a preview and run only after an explicit confirm of that preview. "
                                + "Errors are RFC 9457 problem documents with a machine-readable reason and an error id."));
        doc.put("paths", OpenApiPaths.of(config, mountedRoutes));
        doc.put(
                "components",
                map(
                        "schemas",
                        OpenApiSchemas.all(),
                        "securitySchemes",
                        OpenApiSecurity.schemes(),
                        "responses",
                        OpenApiProblems.responses()));
        return doc;
    }
}
