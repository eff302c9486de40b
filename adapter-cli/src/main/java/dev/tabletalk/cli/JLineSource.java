package dev.tabletalk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@link LineSource} on a JLine terminal. */
final class JLineSource implements LineSource {

    private final Terminal terminal;
    private final LineReader reader;

    private JLineSource(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    static LineSource forTerminal() {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("tabletalk")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".tabletalk_history"))
                    .build();
            return new JLineSource(terminal, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal could not be opened", e);
        }
    }

    /** A dumb terminal over these streams: for tests, and wherever no real terminal exists. */
    static LineSource over(InputStream in, OutputStream out) {
        try {
            Terminal terminal = TerminalBuilder.builder()
                    .system(false)
                    .streams(in, out)
                    .type(Terminal.TYPE_DUMB)
                    .build();
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("tabletalk")
                    .build();
            return new JLineSource(terminal, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal could not be opened", e);
        }
    }

    @Override
    public Line read(String prompt) {
        try {
            return new Line(reader.readLine(prompt), false, false);
        } catch (UserInterruptException e) {
            return new Line("", true, false);
        } catch (EndOfFileException e) {
            return new Line("", false, true);
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            // the history is a convenience: losing it is not worth an error
        }
    }
}
