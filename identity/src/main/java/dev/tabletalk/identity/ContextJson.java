package dev.tabletalk.identity;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for the small identity header, so this module needs no JSON library: exactly one UTF-8
 * JSON value (RFC 8259; an UTF-8 byte order mark is skipped) with nothing but whitespace after it, no duplicate
 * key in any object, no comments, no {@code NaN}, no leading zeros, no unescaped control characters, nesting at
 * most {@value #MAX_DEPTH} deep and numbers of at most {@value #MAX_NUMBER_CHARS} characters. These are the rules
 * the HTTP adapter's Jackson mapper applied to this header before the identity module existed.
 *
 * <p>Values come back as {@link Map} (keys in order; a JSON {@code null} is a present key with a {@code null}
 * value), {@link List}, {@link String}, {@link BigInteger} (integers), {@link Fraction} (numbers with a fraction or
 * an exponent), {@link Boolean}, or {@code null}.
 */
final class ContextJson {

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 1000;

    /** A number with a fraction or an exponent: never an integer claim, so its value is not needed. */
    enum Fraction { INSTANCE }

    /** Why the text is not one strict JSON value. */
    static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean duplicateKey;

        MalformedJsonException(String message, boolean duplicateKey) {
            super(message);
            this.duplicateKey = duplicateKey;
        }

        /** Whether an object repeated a key (every other problem is plain malformed JSON). */
        boolean duplicateKey() {
            return duplicateKey;
        }
    }

    private final String text;
    private int at;

    private ContextJson(String text) {
        this.text = text;
    }

    /**
     * Reads one strict JSON value.
     *
     * @throws MalformedJsonException for anything that is not exactly one well-formed value
     */
    static Object parse(byte[] utf8) throws MalformedJsonException {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed("not UTF-8");
        }
        ContextJson reader = new ContextJson(text);
        if (text.startsWith("\uFEFF")) {
            reader.at = 1;
        }
        reader.skipWhitespace();
        if (reader.atEnd()) {
            throw malformed("no JSON value");
        }
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (!reader.atEnd()) {
            throw malformed("trailing tokens after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws MalformedJsonException {
        if (atEnd()) {
            throw malformed("unexpected end of input");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw malformed("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        checkDepth(depth);
        at++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}')) {
            at++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw malformed("expected a quoted key");
            }
            String key = string();
            if (members.containsKey(key)) {
                throw new MalformedJsonException("Duplicate field '" + key + "'", true);
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value(depth));
            skipWhitespace();
            if (peek(',')) {
                at++;
                continue;
            }
            expect('}');
            return members;
        }
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        checkDepth(depth);
        at++;
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek(']')) {
            at++;
            return items;
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            if (peek(',')) {
                at++;
                continue;
            }
            expect(']');
            return items;
        }
    }

    private String string() throws MalformedJsonException {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw malformed("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("unescaped control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (atEnd()) {
                throw malformed("unterminated escape");
            }
            char escape = text.charAt(at++);
            switch (escape) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(unicodeEscape()); break;
                default: throw malformed("bad escape");
            }
        }
    }

    private char unicodeEscape() throws MalformedJsonException {
        if (at + 4 > text.length()) {
            throw malformed("short unicode escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
                throw malformed("bad unicode escape");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private Object number() throws MalformedJsonException {
        int start = at;
        if (peek('-')) {
            at++;
        }
        int integerStart = at;
        if (peek('0')) {
            at++;
        } else if (!digitsFrom()) {
            throw malformed("a number needs digits");
        }
        int integerDigits = at - integerStart;
        boolean integral = true;
        if (peek('.')) {
            at++;
            integral = false;
            if (!digitsFrom()) {
                throw malformed("a fraction needs digits");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            integral = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digitsFrom()) {
                throw malformed("an exponent needs digits");
            }
        }
        if (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            // "01", "1x", "1.2.3": never a number
            throw malformed("bad number");
        }
        if (integerDigits > MAX_NUMBER_CHARS || at - start > MAX_NUMBER_CHARS) {
            throw malformed("number too long");
        }
        return integral ? new BigInteger(text.substring(start, at)) : Fraction.INSTANCE;
    }

    /** Reads one or more digits; false when there is none. */
    private boolean digitsFrom() {
        int start = at;
        while (!atEnd() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) throws MalformedJsonException {
        if (!text.startsWith(word, at)) {
            throw malformed("unrecognised token");
        }
        at += word.length();
        return value;
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (!atEnd()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private void expect(char c) throws MalformedJsonException {
        if (!peek(c)) {
            throw malformed("expected '" + c + "'");
        }
        at++;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(at) == c;
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private static MalformedJsonException malformed(String message) {
        return new MalformedJsonException(message, false);
    }
}
