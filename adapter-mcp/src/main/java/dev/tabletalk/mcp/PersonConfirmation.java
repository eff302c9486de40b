package dev.tabletalk.mcp;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowChange;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the person, through the client's elicitation, whether to apply one preview (invariant 12): the request
 * says what changes and how many rows, and its form has one boolean, {@code confirm}. Only an accept with
 * {@code confirm: true} is a yes.
 */
final class PersonConfirmation {

    /** What the person answered. */
    enum Answer {
        CONFIRMED,
        DECLINED,
        /** The client could not ask or did not answer: nothing is decided. */
        UNANSWERED
    }

    private static final Logger log = LoggerFactory.getLogger(PersonConfirmation.class);

    private static final Map<String, Object> FORM = Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                    "confirm",
                    Map.of(
                            "type",
                            "boolean",
                            "title",
                            "Apply this change",
                            "description",
                            "Tick to apply exactly the change shown; leave it unticked or decline to cancel it.",
                            "default",
                            false)),
            "required",
            List.of("confirm"));

    private PersonConfirmation() {}

    /** Whether the client said, when it connected, that it can ask the person (elicitation). */
    static boolean canAsk(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        return capabilities != null && capabilities.elicitation() != null;
    }

    /** Asks the person about this preview and waits for the answer. */
    static Answer ask(McpSyncServerExchange exchange, ReplyPart.Preview preview) {
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(
                    McpSchema.ElicitFormRequest.builder(question(preview), FORM).build());
        } catch (RuntimeException e) {
            // the client failed or timed out: nothing was decided, so nothing is applied
            log.warn("elicitation of preview {} failed: {}", preview.previewId(), e.toString());
            return Answer.UNANSWERED;
        }
        if (result.action() == McpSchema.ElicitResult.Action.ACCEPT
                && result.content() != null
                && Boolean.TRUE.equals(result.content().get("confirm"))) {
            return Answer.CONFIRMED;
        }
        return Answer.DECLINED;
    }

    /** The question the person sees: what changes, in how many rows, and that confirming applies it. */
    static String question(ReplyPart.Preview part) {
        var preview = part.preview();
        StringBuilder text = new StringBuilder("An AI assistant asks TableTalk to ");
        if (preview.intent() == Intent.CREATE) {
            Map<String, Object> row = preview.changes().isEmpty()
                    ? Map.of()
                    : preview.changes().get(0).after();
            text.append("add 1 row to ").append(preview.entity()).append(": ").append(values(row));
        } else {
            int rows = preview.rowCount();
            text.append("change ")
                    .append(rows == 1 ? "1 row" : rows + " rows")
                    .append(" of ")
                    .append(preview.entity())
                    .append(':');
            for (RowChange change : preview.changes()) {
                text.append("\n- ")
                        .append(change.key().map(Object::toString).orElse("?"))
                        .append(": ");
                text.append(preview.changedColumns().stream()
                        .map(column -> column + " " + change.before().get(column) + " -> "
                                + change.after().get(column))
                        .collect(Collectors.joining(", ")));
            }
        }
        return text.append("\nConfirm to apply exactly this change; decline to cancel it.")
                .toString();
    }

    private static String values(Map<String, Object> row) {
        return row.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
