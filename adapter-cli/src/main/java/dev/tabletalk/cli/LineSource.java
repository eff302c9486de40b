package dev.tabletalk.cli;

import java.io.InputStream;
import java.io.OutputStream;

/** Lines typed by a person; through JLine on a terminal: line editing and a history file. */
interface LineSource extends AutoCloseable {

    /** One read: a line, Ctrl-C, or Ctrl-D / end of input. */
    record Line(String text, boolean interrupted, boolean endOfInput) {}

    /** Shows the prompt and reads one line. */
    Line read(String prompt);

    @Override
    void close();

    static LineSource forTerminal() {
        return JLineSource.forTerminal();
    }

    static LineSource over(InputStream in, OutputStream out) {
        return JLineSource.over(in, out);
    }
}
