package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /chat}: reads the JSON request of the caller the gate verified, runs the turn and answers the reply
 * JSON of {@code tabletalk chat --json} (200, refusals included). A body that is not a chat request is refused
 * (400) and recorded as the caller's event. A turn on a server that has not followed the operator's latest connect
 * (several servers sharing state) is answered 503 {@code chosen_database_unavailable}, never from another database.
 */
final class ChatHandler implements Handler {

    /**
     * The error of a turn on a server that has not followed the connect the operator made on another server sharing
     * its state: answered 503 instead of a reply, since this server serves no database at all meanwhile.
     */
    static final String NOT_CONNECTED = ReplyPart.Error.codeOf(Dependency.CHOSEN_DATABASE);

    private static final Set<String> CHAT_FIELDS = Set.of("sessionId", "message", "confirm");

    private final Conversations conversations;
    private final Refusals refusals;

    ChatHandler(Conversations conversations, Refusals refusals) {
        this.conversations = conversations;
        this.refusals = refusals;
    }

    @Override
    public void handle(Context ctx) {
        Caller caller = Caller.of(ctx);
        // the gate has refused any body that is not JSON (415)
        Reply reply = conversations.handle(chatRequest(caller));
        Optional<ReplyPart.Error> notConnected =
                reply.part(ReplyPart.Error.class).filter(error -> error.code().equals(NOT_CONNECTED));
        if (notConnected.isPresent()) {
            // the turn is audited; a balancer or client retries on another server that serves the chosen database
            throw new RefusedRequestException(Problem.of(
                            503,
                            NOT_CONNECTED,
                            "Not connected to the chosen database",
                            notConnected.get().message())
                    .retryAfter(1));
        }
        ctx.attribute(
                Exchange.OUTCOME_ATTRIBUTE,
                reply.part(ReplyPart.Error.class).isPresent() ? "error" : reply.isRefused() ? "refused" : "ok");
        Exchange.streamReply(ctx, 200, reply);
    }

    private ChatRequest chatRequest(Caller caller) {
        JsonNode node;
        try {
            node = StrictJson.parse(caller.body());
        } catch (IOException e) {
            throw refuse(
                    caller,
                    invalidBody(
                            StrictJson.isDuplicateKey(e)
                                    ? "The request repeats a key; send each of sessionId, message and confirm at most once."
                                    : "The request body is not valid JSON."));
        }
        if (!node.isObject()) {
            throw refuse(caller, invalidBody("The request body must be a JSON object with a message."));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHAT_FIELDS.contains(name)) {
                throw refuse(
                        caller,
                        invalidBody("Unknown member in the request; allowed are sessionId, message and " + "confirm."));
            }
        }
        Optional<String> sessionId;
        Optional<String> message;
        Optional<String> confirm;
        try {
            sessionId = optionalText(node, "sessionId");
            message = optionalText(node, "message");
            confirm = optionalText(node, "confirm");
        } catch (IllegalArgumentException e) {
            throw refuse(caller, invalidBody(e.getMessage()));
        }
        UserContext user = caller.requireUser();
        if (confirm.isPresent()) {
            if (sessionId.isEmpty()) {
                throw refuse(caller, invalidBody("A confirm needs the sessionId of the preview."));
            }
            return ChatRequest.confirm(sessionId.get(), user, confirm.get());
        }
        if (message.isEmpty()) {
            throw refuse(caller, invalidBody("Send a message (or a confirm with the preview id)."));
        }
        return new ChatRequest(sessionId, user, message.get(), Optional.empty());
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("The member " + name + " must be a string.");
        }
        return Optional.of(value.textValue());
    }

    private RefusedRequestException refuse(Caller caller, Problem problem) {
        return refusals.ofCaller(caller.requireUser(), Route.CHAT, problem, RefusalCode.NOT_UNDERSTOOD);
    }

    /** A 400 for a body that is not the request the route takes. */
    static Problem invalidBody(String detail) {
        return Problem.of(400, "invalid_body", "Invalid request body", detail);
    }
}
