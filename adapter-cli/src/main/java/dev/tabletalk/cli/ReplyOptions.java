package dev.tabletalk.cli;

import dev.tabletalk.core.policy.ReplyLimits;
import picocli.CommandLine.Option;

/** How big one reply may get: the options of the commands that answer with rows ({@code chat}, {@code serve}). */
public final class ReplyOptions {

    @Option(
            names = "--max-cell-chars",
            paramLabel = "N",
            defaultValue = "" + ReplyLimits.DEFAULT_MAX_CELL_CHARS,
            description = "Cut values longer than N characters, marked with their full length "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxCellChars;

    @Option(
            names = "--max-reply-bytes",
            paramLabel = "N",
            defaultValue = "" + ReplyLimits.DEFAULT_MAX_REPLY_BYTES,
            description = "Leave out the rows that would make one reply larger than N bytes, and say so "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxReplyBytes;

    /** The limits these options give. */
    public ReplyLimits replyLimits() {
        return new ReplyLimits(maxCellChars, maxReplyBytes);
    }
}
