package dev.tabletalk.mcp;

import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.user.UserContext;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * TableTalk as an MCP server: the tools {@code tabletalk_chat} and {@code tabletalk_schema}, the resources
 * {@code tabletalk://schema} and {@code tabletalk://entity/{name}}, over stdio or Streamable HTTP. Every turn goes
 * through {@link Conversations} on a model's channel, so the engine refuses any confirm the model sends; a write
 * is confirmed only when the client asked the person (elicitation) and they accepted (invariant 12).
 *
 * <p>The caller's identity is never taken from the model: the operator fixes it (stdio), or the HTTP server verifies
 * it on every request (Streamable HTTP). Thread-safe.
 */
public final class TableTalkMcp {

    /** The transport name recorded with each stdio turn (audit). */
    public static final String STDIO = "mcp-stdio";

    /** The transport name recorded with each Streamable HTTP turn (audit). */
    public static final String HTTP = "mcp-http";

    // where a request's verified caller travels from the servlet request to the tool call
    private static final String CALLER = "tabletalk.caller";

    // a person may take a while to read a preview before answering the client's question
    private static final Duration PERSON_TIMEOUT = Duration.ofMinutes(10);

    private final Conversations conversations;
    private final CatalogView catalogView;
    private final String version;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    private TableTalkMcp(Conversations conversations, CatalogView catalogView, String version) {
        this.conversations = conversations;
        this.catalogView = catalogView;
        this.version = version;
    }

    /**
     * The MCP server of these ports.
     *
     * @param version the version the server reports to clients
     */
    public static TableTalkMcp create(Conversations conversations, CatalogView catalogView, String version) {
        return new TableTalkMcp(
                Objects.requireNonNull(conversations, "conversations"),
                Objects.requireNonNull(catalogView, "catalogView"),
                Objects.requireNonNull(version, "version"));
    }

    /**
     * Serves one client over stdio, newline-delimited JSON-RPC, as {@code user}, until the input ends. Nothing but
     * protocol messages is written to {@code out}.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the server is closed first)
     */
    public void serveStdio(UserContext user, InputStream in, OutputStream out) throws InterruptedException {
        Objects.requireNonNull(user, "user");
        EndOfInput input = new EndOfInput(in);
        McpSyncServer server =
                server(McpServer.sync(new StdioServerTransportProvider(json, input, out)), exchange -> user, STDIO);
        try {
            input.await();
        } finally {
            server.closeGracefully();
        }
    }

    /**
     * The Streamable HTTP transport at {@code endpoint}, as a servlet for a server that verifies every request's
     * caller before the servlet sees it (identity, rate limits) and mounts it at that path. Each client gets an
     * {@code Mcp-Session-Id}; its sessions, and a question waiting for the person's answer, live in this process.
     * Destroying the servlet closes them.
     *
     * @param endpoint the path the servlet is mounted at, e.g. {@code /mcp}
     * @param callers the verified caller of a request, empty when there is none (such a request is refused)
     */
    public HttpServlet streamableHttp(String endpoint, Function<HttpServletRequest, Optional<UserContext>> callers) {
        Objects.requireNonNull(callers, "callers");
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(Objects.requireNonNull(endpoint, "endpoint"))
                .contextExtractor(request -> callers.apply(request)
                        .map(user -> McpTransportContext.create(Map.of(CALLER, user)))
                        .orElse(McpTransportContext.EMPTY))
                .build();
        server(McpServer.sync(transport), TableTalkMcp::verifiedCaller, HTTP);
        return new SessionOwners(transport, callers);
    }

    private static UserContext verifiedCaller(McpSyncServerExchange exchange) {
        if (exchange.transportContext().get(CALLER) instanceof UserContext user) {
            return user;
        }
        // the HTTP server admits no request without a verified caller; never fall back to anyone
        throw new IllegalStateException("an MCP request reached TableTalk without a verified caller");
    }

    private McpSyncServer server(McpServer.SyncSpecification<?> specification, Callers callers, String transport) {
        SchemaFeatures schema = new SchemaFeatures(catalogView, callers, json);
        return specification
                .serverInfo(McpSchema.Implementation.builder("tabletalk", version)
                        .title("TableTalk")
                        .build())
                .instructions(ToolTexts.INSTRUCTIONS)
                .requestTimeout(PERSON_TIMEOUT)
                // the tools check their own arguments and answer, as a tool error, what to send instead
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .tools(new ChatTool(conversations, callers, transport, json).specification(), schema.tool())
                .resources(schema.schemaResource())
                .resourceTemplates(schema.entityResource())
                .build();
    }
}
