package dev.tabletalk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Lines typed at the terminal, through JLine: line editing and a history file. */
final class LineSource implements AutoCloseable {

    /** One read: a line, Ctrl-C, or Ctrl-D / end of input. */
    record Line(String text, boolean interrupted, boolean endOfInput) {}

    private final Terminal terminal;
    private final LineReader reader;

    private LineSource(Terminal terminal, LineReader reader) {
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
            return new LineSource(terminal, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal could not be opened", e);
        }
    }

    Line read(String prompt) {
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
