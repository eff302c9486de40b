package dev.tabletalk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The chat: one conversation, turn after turn. On a terminal it is a REPL (JLine: history, line
 * editing; Ctrl-C cancels the draft, Ctrl-D quits); otherwise it reads one message per line and
 * prints one reply per message, as text or as one JSON line.
 */
final class ChatLoop {

    private static final ObjectWriter JSON = StrictJson.writer();

    private final Conversations conversations;
    private final UserContext user;
    private final PrintWriter out;
    private final boolean json;
    private Optional<String> sessionId = Optional.empty();
    private Stage stage = Stage.IDLE;

    ChatLoop(Conversations conversations, UserContext user, PrintWriter out, boolean json) {
        this.conversations = conversations;
        this.user = user;
        this.out = out;
        this.json = json;
    }

    /** Reads messages from a pipe or file until its end; returns the exit code (3 after a refusal). */
    int runNonInteractive(InputStream in) {
        int exit = CliExitCodes.OK;
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String message = line.strip();
                if (message.isEmpty()) {
                    continue;
                }
                if (isQuit(message)) {
                    break; // as on a terminal: a script that ends with 'quit' is no refused message
                }
                exit = CliExitCodes.worse(exit, exitCodeOf(turn(message)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("standard input could not be read", e);
        }
        return exit;
    }

    /** The REPL on a terminal; returns 0 when the user quits. */
    int runInteractive(String banner, LineSource source) {
        out.println(banner);
        out.flush();
        try (LineSource lines = source) {
            while (true) {
                LineSource.Line line = lines.read(stage == Stage.IDLE ? "you> " : "you (" + stageName() + ")> ");
                if (line.endOfInput()) {
                    out.println("Bye.");
                    out.flush();
                    return CliExitCodes.OK;
                }
                if (line.interrupted()) {
                    if (stage != Stage.IDLE) {
                        turn("cancel");
                    } else {
                        out.println("(Ctrl-D or 'quit' leaves the chat.)");
                        out.flush();
                    }
                    continue;
                }
                String message = line.text().strip();
                if (message.isEmpty()) {
                    continue;
                }
                if (isQuit(message)) {
                    out.println("Bye.");
                    out.flush();
                    return CliExitCodes.OK;
                }
                turn(message);
            }
        }
    }

    /** The words that leave the chat: {@code quit}, {@code exit} or {@code \q}, in any case. */
    static boolean isQuit(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.equals("quit") || lower.equals("exit") || lower.equals("\\q");
    }

    /** Sends one message and prints the reply. */
    Reply turn(String message) {
        ChatRequest request = sessionId.isPresent()
                ? ChatRequest.of(sessionId.get(), user, message)
                : ChatRequest.newSession(user, message);
        Reply reply = conversations.handle(request);
        sessionId = Optional.of(reply.sessionId());
        stage = reply.stage();
        print(reply);
        return reply;
    }

    private void print(Reply reply) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(ReplyWire.toMap(reply)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a reply could not be written as JSON", e);
            }
        } else {
            out.println(ReplyRenderer.render(reply));
        }
        out.flush();
    }

    private String stageName() {
        if (stage == Stage.CLARIFYING) {
            return "choose";
        }
        return stage == Stage.PREVIEW ? "confirm?" : "draft";
    }

    static int exitCodeOf(Reply reply) {
        Optional<ReplyPart.Error> error = reply.part(ReplyPart.Error.class);
        if (error.isPresent()) {
            return CliExitCodes.ofError(error.get().code());
        }
        return reply.refusal().map(r -> CliExitCodes.ofRefusal(r.code())).orElse(CliExitCodes.OK);
    }
}
