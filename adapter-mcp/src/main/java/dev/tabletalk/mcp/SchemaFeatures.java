package dev.tabletalk.mcp;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.SchemaWire;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The caller's schema over MCP, in the shape of {@code GET /schema}: the read-only tool {@code tabletalk_schema},
 * the resource {@code tabletalk://schema}, and one entity at {@code tabletalk://entity/{name}}.
 */
final class SchemaFeatures {

    static final String TOOL = "tabletalk_schema";
    static final String SCHEMA_URI = "tabletalk://schema";
    static final String ENTITY_PREFIX = "tabletalk://entity/";

    private static final String JSON = "application/json";
    private static final String UNAVAILABLE = "The database's schema cannot be loaded right now; try again later.";

    private final CatalogView catalogView;
    private final Callers callers;
    private final McpJsonMapper json;

    SchemaFeatures(CatalogView catalogView, Callers callers, McpJsonMapper json) {
        this.catalogView = catalogView;
        this.callers = callers;
        this.json = json;
    }

    McpServerFeatures.SyncToolSpecification tool() {
        McpSchema.Tool tool = McpSchema.Tool.builder(
                        TOOL, Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .title("TableTalk schema")
                .description(ToolTexts.SCHEMA)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title("TableTalk schema")
                        .readOnlyHint(true)
                        .destructiveHint(false)
                        .idempotentHint(true)
                        .openWorldHint(false)
                        .build())
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> {
                    String body;
                    try {
                        body = write(schema(callers.of(exchange)));
                    } catch (DependencyUnavailableException e) {
                        return McpSchema.CallToolResult.builder()
                                .addTextContent(UNAVAILABLE)
                                .isError(true)
                                .build();
                    }
                    return McpSchema.CallToolResult.builder()
                            .addTextContent(body)
                            .structuredContent(json, body)
                            .build();
                })
                .build();
    }

    McpServerFeatures.SyncResourceSpecification schemaResource() {
        McpSchema.Resource resource = McpSchema.Resource.builder(SCHEMA_URI, "schema")
                .title("Database schema")
                .description("The tables and fields this caller may see and use, as JSON")
                .mimeType(JSON)
                .build();
        return new McpServerFeatures.SyncResourceSpecification(
                resource, (exchange, request) -> contents(request.uri(), write(readable(exchange))));
    }

    McpServerFeatures.SyncResourceTemplateSpecification entityResource() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(ENTITY_PREFIX + "{name}", "entity")
                .title("One table")
                .description("One table (entity) this caller may see: its fields, types and key, as JSON")
                .mimeType(JSON)
                .build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(template, (exchange, request) -> {
            String name = request.uri().substring(ENTITY_PREFIX.length());
            Map<String, Object> schema = readable(exchange);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entities = (List<Map<String, Object>>) schema.get("entities");
            return entities.stream()
                    .filter(entity -> name.equals(entity.get("name")))
                    .findFirst()
                    .map(entity -> contents(request.uri(), write(entity)))
                    .orElseThrow(() -> McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                            .message("There is no table called '" + name + "' here; read " + SCHEMA_URI
                                    + " for the list.")
                            .build());
        });
    }

    private Map<String, Object> schema(UserContext user) {
        return SchemaWire.schema(catalogView.schemaFor(user), catalogView.macrosFor(user));
    }

    /** The schema for a resource read: an unavailable catalog is the read's error. */
    private Map<String, Object> readable(McpSyncServerExchange exchange) {
        try {
            return schema(callers.of(exchange));
        } catch (DependencyUnavailableException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message(UNAVAILABLE)
                    .build();
        }
    }

    private static McpSchema.ReadResourceResult contents(String uri, String body) {
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, body)
                        .mimeType(JSON)
                        .build()))
                .build();
    }

    private static String write(Object value) {
        return new String(StrictJson.write(value), StandardCharsets.UTF_8);
    }
}
