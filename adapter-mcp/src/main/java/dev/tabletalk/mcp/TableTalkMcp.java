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
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * TableTalk as an MCP server: the tools {@code tabletalk_chat} and {@code tabletalk_schema}, the resources
 * {@code tabletalk://schema} and {@code tabletalk://entity/{name}}, over stdio or Streamable HTTP. Every turn goes
 * through {@link Conversations} on a model's channel, so the engine refuses any confirm the model sends; a write
 * is confirmed only when the client asked the person (elicitation) and they accepted (invariant 12).
 *
 * <p>The caller's identity is never taken from the model: on stdio the operator fixes it, on HTTP the server that
 * mounts {@link #streamableHttp} verifies each request and puts the caller in {@link #USER_ATTRIBUTE}.
 * Thread-safe.
 */
public final class TableTalkMcp {

    /** The request attribute that holds the verified {@link UserContext} of a Streamable HTTP request. */
    public static final String USER_ATTRIBUTE = "dev.tabletalk.mcp.user";

    /** The transport names recorded with each turn (audit). */
    public static final String STDIO = "mcp-stdio";

    public static final String HTTP = "mcp-http";

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
     * A servlet serving the Streamable HTTP transport at {@code endpoint} (e.g. {@code /mcp}). Mount it behind
     * the same authentication, rate limits and audit as the chat: a request reaches it only with its verified
     * caller in the request attribute {@link #USER_ATTRIBUTE}; one without is answered with an error.
     */
    public HttpServlet streamableHttp(String endpoint) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(endpoint)
                .contextExtractor(request -> {
                    Object user = request.getAttribute(USER_ATTRIBUTE);
                    return user == null
                            ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(USER_ATTRIBUTE, user));
                })
                .build();
        server(McpServer.sync(transport), TableTalkMcp::httpCaller, HTTP);
        return transport;
    }

    private McpSyncServer server(McpServer.SyncSpecification<?> specification, Callers callers, String transport) {
        SchemaFeatures schema = new SchemaFeatures(catalogView, callers, json);
        return specification
                .serverInfo(McpSchema.Implementation.builder("tabletalk", version)
                        .title("TableTalk")
                        .build())
                .instructions(ToolTexts.INSTRUCTIONS)
                .requestTimeout(PERSON_TIMEOUT)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .tools(new ChatTool(conversations, callers, transport, json).specification(), schema.tool())
                .resources(schema.schemaResource())
                .resourceTemplates(schema.entityResource())
                .build();
    }

    private static UserContext httpCaller(McpSyncServerExchange exchange) {
        if (exchange.transportContext().get(USER_ATTRIBUTE) instanceof UserContext user) {
            return user;
        }
        // unreachable behind the server's authentication; refuse rather than guess a caller
        throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                .message("This request carries no verified caller; sign in as for /chat.")
                .build();
    }
}
