package dev.tabletalk.schemacatalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A tiny pretty-printing JSON writer (the catalog export needs no JSON library). Not thread-safe. */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it already has an element. */
    private final Deque<boolean[]> stack = new ArrayDeque<>();

    private boolean afterName;

    JsonWriter beginObject() {
        open('{');
        return this;
    }

    JsonWriter endObject() {
        close('}');
        return this;
    }

    JsonWriter beginArray() {
        open('[');
        return this;
    }

    JsonWriter endArray() {
        close(']');
        return this;
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonWriter value(boolean value) {
        return raw(Boolean.toString(value));
    }

    /** A number or literal written as is. */
    JsonWriter raw(String literal) {
        separate();
        out.append(literal);
        return this;
    }

    /** An array of strings on one line. */
    JsonWriter strings(List<String> values) {
        separate();
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    private void open(char bracket) {
        separate();
        out.append(bracket);
        stack.push(new boolean[] {false});
    }

    private void close(char bracket) {
        boolean[] state = stack.pop();
        if (state[0]) {
            newline();
        }
        out.append(bracket);
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] state = stack.peek();
        if (state == null) {
            return;
        }
        if (state[0]) {
            out.append(',');
        }
        state[0] = true;
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(stack.size()));
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
