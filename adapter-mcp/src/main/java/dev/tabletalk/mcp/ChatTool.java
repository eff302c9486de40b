package dev.tabletalk.mcp;

import dev.tabletalk.core.port.in.Channel;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplySchemas;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tabletalk_chat}: one turn of the conversation, sent by the model on a channel that never confirms
 * (invariant 12). When the turn produces a preview, the person is asked through the client's elicitation, and
 * only their yes confirms it, on the person's channel; their no cancels it. The result's text says what happened;
 * its structured content is exactly the {@code POST /chat} reply object of the turn's last reply.
 */
final class ChatTool {

    static final String NAME = "tabletalk_chat";

    private final Conversations conversations;
    private final Callers callers;
    private final String transport;
    private final McpJsonMapper json;

    ChatTool(Conversations conversations, Callers callers, String transport, McpJsonMapper json) {
        this.conversations = conversations;
        this.callers = callers;
        this.transport = transport;
        this.json = json;
    }

    McpServerFeatures.SyncToolSpecification specification() {
        McpSchema.Tool tool = McpSchema.Tool.builder(
                        NAME,
                        Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of(
                                        "message",
                                        Map.of("type", "string", "description", ToolTexts.CHAT_MESSAGE),
                                        "sessionId",
                                        Map.of("type", "string", "description", ToolTexts.CHAT_SESSION)),
                                "required",
                                List.of("message"),
                                "additionalProperties",
                                false))
                .title("Chat with TableTalk")
                .description(ToolTexts.CHAT)
                .outputSchema(ReplySchemas.standalone())
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title("Chat with TableTalk")
                        .readOnlyHint(false)
                        .destructiveHint(false)
                        .openWorldHint(false)
                        .build())
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler(this::call)
                .build();
    }

    McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        Object message = arguments.get("message");
        Object sessionId = arguments.get("sessionId");
        if (!(message instanceof String text) || text.isBlank()) {
            return invalid("Send a message: a non-empty string, e.g. 'show customers'.");
        }
        if (sessionId != null && !(sessionId instanceof String)) {
            return invalid("sessionId must be the string sessionId of a previous reply, or left out.");
        }
        for (String name : arguments.keySet()) {
            if (!name.equals("message") && !name.equals("sessionId")) {
                return invalid("Unknown argument '" + name + "'; tabletalk_chat takes message and sessionId.");
            }
        }
        UserContext user = callers.of(exchange);
        Reply reply = conversations.handle(
                new ChatRequest(Optional.ofNullable((String) sessionId), user, text, Optional.empty())
                        .on(Channel.model(transport)));
        Optional<ReplyPart.Preview> preview = reply.part(ReplyPart.Preview.class);
        if (preview.isEmpty()) {
            return result(reply.text(), reply);
        }
        if (!PersonConfirmation.canAsk(exchange)) {
            return result(reply.text() + "\n\n" + ToolTexts.NO_ELICITATION, reply);
        }
        return switch (PersonConfirmation.ask(exchange, preview.get())) {
            case CONFIRMED -> {
                Reply confirmed = conversations.handle(ChatRequest.confirm(
                                reply.sessionId(), user, preview.get().previewId())
                        .on(Channel.person(transport)));
                yield result("The person confirmed the change. " + confirmed.text(), confirmed);
            }
            case DECLINED -> {
                Reply cancelled = conversations.handle(
                        ChatRequest.of(reply.sessionId(), user, "cancel").on(Channel.person(transport)));
                yield result("The person declined the change, so nothing was changed. " + cancelled.text(), cancelled);
            }
            case UNANSWERED ->
                result(
                        reply.text()
                                + "\n\nThe person could not be asked to confirm this change, so nothing was changed.",
                        reply);
        };
    }

    private McpSchema.CallToolResult result(String text, Reply reply) {
        // exactly the bytes POST /chat answers, read back as the structured content
        String body = new String(StrictJson.write(ReplyWire.toMap(reply)), StandardCharsets.UTF_8);
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(json, body)
                .build();
    }

    private static McpSchema.CallToolResult invalid(String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .isError(true)
                .build();
    }
}
