package dev.tabletalk.app;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the MCP tests send with the SDK's client and read back from its results, over any transport. */
final class McpCalls {

    private McpCalls() {}

    /** One {@code tabletalk_chat} call, as a model would make it. */
    static McpSchema.CallToolResult chat(McpSyncClient client, String message, String sessionId) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("message", message);
        if (sessionId != null) {
            arguments.put("sessionId", sessionId);
        }
        return client.callTool(McpSchema.CallToolRequest.builder("tabletalk_chat")
                .arguments(arguments)
                .build());
    }

    /** The result's structured content: the {@code POST /chat} reply object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static String refusalCode(McpSchema.CallToolResult result) {
        return (String) ((Map<String, Object>) structured(result).get("refusal")).get("code");
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** The notes of customers 1 to 3 of the shop. */
    static List<String> notes(ShopDatabase shop) throws SQLException {
        return strings(shop.connect(), "select notes from customers where id <= 3 order by id");
    }

    /** The first column of every row of {@code query}; closes the connection. */
    static List<String> strings(Connection opened, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = opened;
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
