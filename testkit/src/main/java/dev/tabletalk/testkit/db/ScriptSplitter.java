package dev.tabletalk.testkit.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a script into statements as psql or the mariadb client would; see {@link SqlScript} for what each dialect
 * understands. One instance per script, used once.
 */
final class ScriptSplitter {

    private static final Pattern DELIMITER = Pattern.compile("(?i)delimiter\\s+(\\S+)\\s*");
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)copy\\s.*\\sfrom\\s+stdin\\b.*");
    private static final Pattern STANDARD_STRINGS = Pattern.compile(
            "(?is)set\\s+(?:session\\s+|local\\s+)?standard_conforming_strings\\s*(?:=|to)\\s*'?(\\w+)'?");
    private static final Pattern META_COMMAND = Pattern.compile("\\\\([A-Za-z]+|[^A-Za-z\\s])\\s*(\\S*)");
    /** psql meta-commands that only change what psql prints: skipped. */
    private static final Set<String> HARMLESS =
            Set.of("echo", "qecho", "warn", "timing", "pset", "restrict", "unrestrict");

    private final Engine engine;
    private final String text;
    private final List<ScriptStatement> statements = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int pos;
    private int line = 1;
    /** The line of the current statement's first code character; 0 while it has none. */
    private int statementLine;

    private int parens;
    private String delimiter = ";";
    private boolean standardStrings = true;

    private ScriptSplitter(Engine engine, String text) {
        this.engine = engine;
        this.text = text;
    }

    static List<ScriptStatement> split(Engine engine, String text) {
        return new ScriptSplitter(engine, text).split();
    }

    private List<ScriptStatement> split() {
        while (pos < text.length()) {
            if (engine == Engine.MARIADB) {
                mariaDbToken();
            } else {
                postgresToken();
            }
        }
        endStatement();
        return List.copyOf(statements);
    }

    // ------------------------------------------------------------ PostgreSQL (psql)

    private void postgresToken() {
        char c = text.charAt(pos);
        if (c == '\\') {
            metaCommand();
        } else if (startsWith("--")) {
            comment(lineEnd());
        } else if (startsWith("/*")) {
            comment(nestedCommentEnd());
        } else if (c == '\'') {
            quoted('\'', !standardStrings || escapeStringPrefix());
        } else if (c == '"') {
            quoted('"', false);
        } else if (c == '$' && dollarQuote()) {
            return;
        } else if (c == ';' && parens == 0) {
            take(pos + 1, false);
            endStatement();
        } else {
            if (c == '(') {
                parens++;
            } else if (c == ')' && parens > 0) {
                parens--;
            }
            code(pos + 1);
        }
    }

    /** {@code E'...'}: the quote follows a lone E, so backslashes escape. */
    private boolean escapeStringPrefix() {
        return pos > 0
                && (text.charAt(pos - 1) == 'E' || text.charAt(pos - 1) == 'e')
                && (pos < 2 || !identifierChar(text.charAt(pos - 2)));
    }

    /** Takes a {@code $tag$ ... $tag$} body whole; false when this {@code $} opens none (e.g. {@code $1}). */
    private boolean dollarQuote() {
        if (pos > 0 && identifierChar(text.charAt(pos - 1))) {
            return false;
        }
        int end = pos + 1;
        while (end < text.length()
                && (Character.isLetter(text.charAt(end))
                        || text.charAt(end) == '_'
                        || (end > pos + 1 && Character.isDigit(text.charAt(end))))) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '$') {
            return false;
        }
        String tag = text.substring(pos, end + 1);
        int close = text.indexOf(tag, end + 1);
        if (close < 0) {
            throw unterminated(tag + " quote");
        }
        code(close + tag.length());
        return true;
    }

    private int nestedCommentEnd() {
        int depth = 0;
        int at = pos;
        while (at < text.length()) {
            if (text.startsWith("/*", at)) {
                depth++;
                at += 2;
            } else if (text.startsWith("*/", at)) {
                depth--;
                at += 2;
                if (depth == 0) {
                    return at;
                }
            } else {
                at++;
            }
        }
        throw unterminated("/* comment");
    }

    /**
     * A psql meta-command runs to the end of its line. Those that only change what psql prints are skipped, and so
     * is a set or unset of psql's own upper-case settings (ON_ERROR_STOP: this loader always stops);
     * every other one is refused, since this loader runs plain SQL on one connection.
     */
    private void metaCommand() {
        int end = lineEnd();
        String command = text.substring(pos, end).strip();
        Matcher matcher = META_COMMAND.matcher(command);
        String name = matcher.lookingAt() ? matcher.group(1) : command;
        String argument = matcher.lookingAt() ? matcher.group(2) : "";
        boolean setting = (name.equals("set") || name.equals("unset"))
                && !argument.isEmpty()
                && argument.equals(argument.toUpperCase(Locale.ROOT));
        if (!HARMLESS.contains(name) && !setting) {
            throw new IllegalArgumentException("line " + line + ": psql meta-command " + command
                    + " is not supported (SqlScript runs plain SQL on one JDBC connection: no \\connect, no"
                    + " includes, no psql variables)");
        }
        take(end, false);
    }

    // ------------------------------------------------------------ MariaDB / MySQL (mariadb client)

    private void mariaDbToken() {
        if (statementLine == 0 && atLineStart() && delimiterCommand()) {
            return;
        }
        char c = text.charAt(pos);
        if (startsWith(delimiter)) {
            take(pos + delimiter.length(), false);
            endStatement();
        } else if (c == '#' || (startsWith("--") && (pos + 2 >= text.length() || isSpace(text.charAt(pos + 2))))) {
            comment(lineEnd());
        } else if (startsWith("/*!") || startsWith("/*M!")) {
            // a conditional comment is code for the server, which decides by its version: passed through whole
            code(commentEnd());
        } else if (startsWith("/*")) {
            comment(commentEnd());
        } else if (c == '\'' || c == '"') {
            quoted(c, true);
        } else if (c == '`') {
            quoted('`', false);
        } else {
            code(pos + 1);
        }
    }

    /** {@code DELIMITER x} on a line of its own between statements: a client command, never sent. */
    private boolean delimiterCommand() {
        int end = lineEnd();
        Matcher matcher = DELIMITER.matcher(text.substring(pos, end).strip());
        if (!matcher.matches()) {
            return false;
        }
        delimiter = matcher.group(1);
        take(end, false);
        return true;
    }

    private int commentEnd() {
        int close = text.indexOf("*/", pos + 2);
        if (close < 0) {
            throw unterminated("/* comment");
        }
        return close + 2;
    }

    // ------------------------------------------------------------ both

    /** A quoted string or identifier, taken whole: doubled quotes, and backslash escapes where they apply. */
    private void quoted(char quote, boolean backslashEscapes) {
        int at = pos + 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\' && backslashEscapes) {
                at += 2;
            } else if (c == quote && at + 1 < text.length() && text.charAt(at + 1) == quote) {
                at += 2;
            } else if (c == quote) {
                code(at + 1);
                return;
            } else {
                at++;
            }
        }
        throw unterminated(quote + " quote");
    }

    private void comment(int end) {
        // kept inside a statement (the server skips it), dropped before one so that blank tails send nothing
        take(end, statementLine > 0);
    }

    private void code(int end) {
        if (statementLine == 0 && !isSpace(text.charAt(pos))) {
            statementLine = line;
        }
        take(end, statementLine > 0);
    }

    private void take(int end, boolean keep) {
        for (int at = pos; at < end; at++) {
            if (text.charAt(at) == '\n') {
                line++;
            }
        }
        if (keep) {
            current.append(text, pos, end);
        }
        pos = end;
    }

    private void endStatement() {
        if (statementLine > 0) {
            String sql = current.toString().strip();
            Optional<String> copyData = Optional.empty();
            if (engine == Engine.POSTGRES) {
                if (COPY_FROM_STDIN.matcher(sql).matches()) {
                    copyData = Optional.of(copyData());
                }
                Matcher setting = STANDARD_STRINGS.matcher(sql);
                if (setting.matches()) {
                    String value = setting.group(1).toLowerCase(Locale.ROOT);
                    standardStrings = !Set.of("off", "false", "no", "0").contains(value);
                }
            }
            statements.add(new ScriptStatement(statementLine, sql, copyData));
        }
        current.setLength(0);
        statementLine = 0;
        parens = 0;
    }

    /** The lines after a {@code COPY ... FROM stdin;} up to the line {@code \.}, which ends them. */
    private String copyData() {
        int copyLine = statementLine;
        int end = lineEnd();
        if (!text.substring(pos, end).isBlank()) {
            throw new IllegalArgumentException(
                    "line " + line + ": text after COPY ... FROM stdin; on the same line (data starts on the next)");
        }
        take(Math.min(end + 1, text.length()), false);
        int start = pos;
        while (pos < text.length()) {
            int stop = lineEnd();
            if (text.substring(pos, stop).strip().equals("\\.")) {
                String data = text.substring(start, pos);
                take(Math.min(stop + 1, text.length()), false);
                return data;
            }
            take(Math.min(stop + 1, text.length()), false);
        }
        throw new IllegalArgumentException(
                "line " + copyLine + ": the data of COPY ... FROM stdin has no terminating \\. line");
    }

    private IllegalArgumentException unterminated(String what) {
        return new IllegalArgumentException("line " + line + ": unterminated " + what);
    }

    private boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    private boolean atLineStart() {
        return pos == 0 || text.charAt(pos - 1) == '\n';
    }

    private int lineEnd() {
        int end = text.indexOf('\n', pos);
        return end < 0 ? text.length() : end;
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c);
    }
}
