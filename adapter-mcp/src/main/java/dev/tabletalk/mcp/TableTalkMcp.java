package dev.tabletalk.mcp;

import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.user.UserContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * TableTalk as an MCP server: the tools {@code tabletalk_chat} and {@code tabletalk_schema}, the resources
 * {@code tabletalk://schema} and {@code tabletalk://entity/{name}}, over stdio. Every turn goes
 * through {@link Conversations} on a model's channel, so the engine refuses any confirm the model sends; a write
 * is confirmed only when the client asked the person (elicitation) and they accepted (invariant 12).
 *
 * <p>The caller's identity is never taken from the model: the operator fixes it. Thread-safe.
 */
public final class TableTalkMcp {

    /** The transport name recorded with each stdio turn (audit). */
    public static final String STDIO = "mcp-stdio";

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
