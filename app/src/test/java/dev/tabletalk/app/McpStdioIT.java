package dev.tabletalk.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tabletalk mcp} as a process of the shaded jar, driven by the MCP SDK's own client over stdio (#16): the
 * {@link McpScenarios} on this transport.
 */
class McpStdioIT extends McpScenarios {

    @Override
    String databasePrefix() {
        return "mcp_";
    }

    @Override
    void connected(Map<String, String> environment, Optional<Person> person, Scenario scenario) throws Exception {
        List<String> line = JarCommand.line(List.of(
                "mcp",
                "--db",
                shop.userUrl(),
                "--user",
                "ada",
                "--role",
                "editor",
                "--tenant",
                "101",
                "--audit-db",
                TableTalkJar.memoryAuditStore()));
        ServerParameters server = ServerParameters.builder(line.get(0))
                .args(line.subList(1, line.size()))
                .env(environment)
                .build();
        McpClient.SyncSpec spec = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60));
        person.ifPresent(answer -> spec.capabilities(
                        McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(answer));
        try (McpSyncClient client = spec.build()) {
            scenario.run(client);
        }
    }

    @Override
    void assertTheReadIsAudited() {
        // the process keeps its audit log in its memory (--audit-db of TableTalkJar.memoryAuditStore()), gone with
        // it: the audit of MCP turns is read back over HTTP (McpHttpIT), where the store is a database of the test's
    }
}
