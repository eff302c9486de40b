package dev.tabletalk.cli;

import java.io.PrintWriter;

/**
 * Shows how a schema load advances on one stderr line that rewrites itself, and clears it when
 * done; only on a terminal, so that pipes and logs stay clean.
 */
final class TerminalProgress implements CliSettings.Progress {

    private final PrintWriter err;
    private int width;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    static CliSettings open(CliContext context, PrintWriter err, CliSettings settings) {
        return context.terminal() ? settings.withProgress(new TerminalProgress(err)) : settings;
    }

    @Override
    public synchronized void step(String stage, int done, int total) {
        String line = "reading the schema: " + stage + " (" + done + "/" + total + ")";
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        if (done >= total) {
            err.print("\r" + " ".repeat(width) + "\r");
            width = 0;
        }
        err.flush();
    }
}
