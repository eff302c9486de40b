package dev.tabletalk.mcp;

import dev.tabletalk.core.user.UserContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * Who is calling on an MCP exchange: fixed by the operator for stdio, verified by the HTTP server per request for
 * Streamable HTTP. Never taken from anything the model sends.
 */
@FunctionalInterface
interface Callers {

    UserContext of(McpSyncServerExchange exchange);
}
