package dev.tabletalk.core.rows;

import java.util.Objects;

/**
 * A value too long to show whole: its first characters and the length of the whole value. On the wire
 * it is {@code {"truncated": true, "length": N, "text": "<prefix>"}}; as text, the prefix and a marker
 * such as {@code …[truncated, 1048576 chars]}.
 *
 * @param text the first characters of the value, never splitting a surrogate pair
 * @param length the whole value's length in characters (Unicode code points)
 */
public record TruncatedText(String text, long length) {

    public TruncatedText {
        Objects.requireNonNull(text, "text");
        if (length < text.codePointCount(0, text.length())) {
            throw new IllegalArgumentException("the whole value cannot be shorter than its prefix");
        }
    }

    /** The marker that follows the prefix in text output, e.g. {@code …[truncated, 1048576 chars]}. */
    public String marker() {
        return "…[truncated, " + length + " chars]";
    }

    /** The prefix with its marker: how a renderer that knows nothing of this type still shows the cut. */
    @Override
    public String toString() {
        return text + marker();
    }
}
