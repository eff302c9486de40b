package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.user.UserContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The interactive REPL: through a dumb JLine terminal over piped streams, and with scripted key presses. */
class ReplTest {

    private final List<String> messages = new CopyOnWriteArrayList<>();

    /** "add ..." opens a draft; everything else leaves the conversation idle. */
    private final Conversations conversations = request -> {
        messages.add(request.message());
        Stage stage = request.message().startsWith("add") ? Stage.COLLECTING : Stage.IDLE;
        return new Reply(request.sessionId().orElse("s_1"), stage, "reply to " + request.message(), List.of());
    };

    private final List<String> prompts = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();

    private int repl(String typed) {
        ChatLoop loop = new ChatLoop(conversations, UserContext.of("mia", "editor", "1"), new PrintWriter(out), false);
        LineSource lines =
                LineSource.over(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), terminalOut);
        return loop.runInteractive("welcome", lines);
    }

    @Test
    void sendsEachTypedLineAndQuitsAtEndOfInput() {
        int exit = repl("show customers\nshow orders\n");

        assertThat(exit).isZero();
        assertThat(messages).containsExactly("show customers", "show orders");
        assertThat(out.toString())
                .startsWith("welcome")
                .contains("reply to show customers", "reply to show orders")
                .endsWith("Bye." + System.lineSeparator());
        assertThat(terminalOut.toString(StandardCharsets.UTF_8)).contains("you> ");
    }

    @Test
    void theQuitWordLeavesAndBlankLinesAreSkipped() {
        int exit = repl("\n   \nquit\nshow customers\n");

        assertThat(exit).isZero();
        assertThat(messages).isEmpty();
    }

    @Test
    void aPipedScriptEndsAtTheQuitWordWithoutSendingIt() {
        ChatLoop loop = new ChatLoop(conversations, UserContext.of("mia", "editor", "1"), new PrintWriter(out), false);

        int exit = loop.runNonInteractive(
                new ByteArrayInputStream("show customers\n\nEXIT\nshow orders\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(exit).isZero();
        assertThat(messages).containsExactly("show customers");
    }

    /** Lines as a person would give them, Ctrl-C included, without a terminal. */
    private int scripted(LineSource.Line... lines) {
        Iterator<LineSource.Line> next = List.of(lines).iterator();
        LineSource source = new LineSource() {
            @Override
            public Line read(String prompt) {
                prompts.add(prompt);
                return next.hasNext() ? next.next() : new Line("", false, true);
            }

            @Override
            public void close() {}
        };
        ChatLoop loop = new ChatLoop(conversations, UserContext.of("mia", "editor", "1"), new PrintWriter(out), false);
        return loop.runInteractive("welcome", source);
    }

    private static LineSource.Line typed(String text) {
        return new LineSource.Line(text, false, false);
    }

    private static LineSource.Line ctrlC() {
        return new LineSource.Line("", true, false);
    }

    @Test
    void ctrlCCancelsTheDraftInProgress() {
        int exit = scripted(typed("add a customer named Ada"), ctrlC(), typed("show customers"));

        assertThat(exit).isZero();
        assertThat(messages).containsExactly("add a customer named Ada", "cancel", "show customers");
        assertThat(prompts).containsExactly("you> ", "you (draft)> ", "you> ", "you> ");
    }

    @Test
    void ctrlCWithoutADraftOnlyExplainsHowToLeave() {
        scripted(ctrlC(), typed("show customers"));

        assertThat(messages).containsExactly("show customers");
        assertThat(out.toString()).contains("Ctrl-D or 'quit' leaves the chat.");
    }
}
