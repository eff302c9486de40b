package dev.tabletalk.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How big one reply may get: the options of the commands that answer with rows ({@code chat}, {@code serve}). Only
 * given options count, over {@code limits.maxCellChars} and {@code limits.maxReplyBytes} of the file or the
 * environment (default 4096 characters, 1MiB).
 */
public final class ReplyOptions {

    @Option(
            names = "--max-cell-chars",
            paramLabel = "N",
            description = "Cut values longer than N characters, marked with their full length "
                    + "(default: limits.maxCellChars, 4096).")
    Integer maxCellChars;

    @Option(
            names = "--max-reply-bytes",
            paramLabel = "N",
            description = "Leave out the rows that would make one reply larger than N bytes (or e.g. 512KiB), and "
                    + "say so (default: limits.maxReplyBytes, 1MiB).")
    String maxReplyBytes;

    /** The options given, as settings. */
    public List<CliSettings.Flag> flags() {
        List<CliSettings.Flag> flags = new ArrayList<>();
        if (maxCellChars != null) {
            flags.add(new CliSettings.Flag("limits.maxCellChars", "--max-cell-chars", maxCellChars.toString()));
        }
        if (maxReplyBytes != null) {
            flags.add(new CliSettings.Flag("limits.maxReplyBytes", "--max-reply-bytes", maxReplyBytes.strip()));
        }
        return flags;
    }
}
