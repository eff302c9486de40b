package dev.tabletalk.cli;

/**
 * Text for a terminal: control characters that come from data or messages are shown as visible
 * escapes, never written raw, so that a value cannot clear the screen, retitle the window or move the
 * cursor (PUB-111). Every text renderer of the CLI passes data through {@link #escape}; only the layout
 * TableTalk writes itself (its own newlines and spaces) stays raw. {@code --json} output needs none of
 * this: JSON escaping already covers it.
 *
 * <p>Escaped: the C0 controls (including newline, carriage return and tab inside data) as {@code \n},
 * {@code \r}, {@code \t}, {@code \e} (ESC), {@code \a} (BEL) or {@code \xNN}; DEL and the C1 controls as
 * {@code \xNN}; line and paragraph separators and bidirectional controls as {@code \}{@code uNNNN}.
 */
final class TerminalText {

    private TerminalText() {}

    /** The text with every control character made visible; the text itself when it has none. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstControl(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x1b -> out.append("\\e");
                case 0x07 -> out.append("\\a");
                default -> out.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Whether the character may change what a terminal shows other than by printing a glyph. */
    static boolean isControl(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028
                || c == 0x2029 // line and paragraph separators
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) // bidirectional embeddings
                || c == 0x200e
                || c == 0x200f
                || c == 0x061c; // bidirectional marks
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
