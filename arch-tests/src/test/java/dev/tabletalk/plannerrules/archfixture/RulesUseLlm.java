package dev.tabletalk.plannerrules.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import io.modelcontextprotocol.server.McpSyncServer;
import picocli.CommandLine;

/** Breaks R3 four times: langchain4j, Jackson, picocli and the MCP SDK outside their modules. */
public class RulesUseLlm {
    public ChatModel model;
    public ObjectMapper json;
    public CommandLine cli;
    public McpSyncServer mcp;
}
