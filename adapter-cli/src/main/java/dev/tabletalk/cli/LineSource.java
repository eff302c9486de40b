package dev.tabletalk.cli;

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

    static LineSource over(java.io.InputStream in, java.io.OutputStream out) {
        return JLineSource.over(in, out);
    }
}
