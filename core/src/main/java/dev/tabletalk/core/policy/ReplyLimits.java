package dev.tabletalk.core.policy;

import dev.tabletalk.core.error.ConfigurationException;

/**
 * How big one reply may get, so that a read of wide rows cannot answer with a hundred megabytes.
 * Every adapter (HTTP, CLI text and {@code --json}, embedders) gets the same cut, made once in core.
 *
 * @param maxCellChars the most characters (Unicode code points) of one value shown; a longer value
 *     is cut to this many and marked with its full length
 * @param maxReplyBytes the most bytes of one reply as JSON (UTF-8); rows past it are left out, and the
 *     reply says so
 */
public record ReplyLimits(int maxCellChars, int maxReplyBytes) {

    /** 4 KiB characters per value. */
    public static final int DEFAULT_MAX_CELL_CHARS = 4 * 1024;

    /** 1 MiB per reply. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

    /** The least a reply may be limited to: room for the text and the other parts. */
    public static final int MIN_REPLY_BYTES = 64 * 1024;

    /** The bytes of a reply kept for its text, draft, preview notes and keys, outside the rows. */
    public static final int RESERVED_BYTES = 32 * 1024;

    public ReplyLimits {
        if (maxCellChars < 16) {
            throw new ConfigurationException(
                    "the longest value shown must be at least 16 characters, not " + maxCellChars);
        }
        if (maxReplyBytes < MIN_REPLY_BYTES) {
            throw new ConfigurationException(
                    "the largest reply must be at least " + MIN_REPLY_BYTES + " bytes, not " + maxReplyBytes);
        }
    }

    /** 4,096 characters per value, 1 MiB per reply. */
    public static ReplyLimits defaults() {
        return new ReplyLimits(DEFAULT_MAX_CELL_CHARS, DEFAULT_MAX_REPLY_BYTES);
    }

    public ReplyLimits withMaxCellChars(int value) {
        return new ReplyLimits(value, maxReplyBytes);
    }

    public ReplyLimits withMaxReplyBytes(int value) {
        return new ReplyLimits(maxCellChars, value);
    }

    /** The bytes the rows of one reply may take as JSON. */
    public int rowBudgetBytes() {
        return maxReplyBytes - RESERVED_BYTES;
    }
}
