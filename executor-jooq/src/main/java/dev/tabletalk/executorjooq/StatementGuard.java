package dev.tabletalk.executorjooq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Invariant 1, last line of defence: aborts every statement that is not one single SELECT, INSERT
 * or UPDATE before it reaches the database.
 *
 * <p>Two narrow, temporary allowances exist, both armed only by this module's own code on the
 * current thread and only for the duration of one call: the exact text of one session-setting
 * statement (statement and lock timeouts, built from constant names and inline integers), and an
 * {@code EXPLAIN} (never {@code ANALYZE}) of a SELECT for the cost gate. A statement is checked as
 * tokens outside string literals and quoted identifiers: the first word must be an allowed verb,
 * no statement separator may appear and no word of the forbidden list (DELETE, TRUNCATE, DDL,
 * GRANT, ...) may appear anywhere.
 */
final class StatementGuard implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private static final Set<String> ALLOWED_VERBS = Set.of("select", "insert", "update");

    private static final Set<String> FORBIDDEN_WORDS = Set.of(
            "delete",
            "truncate",
            "drop",
            "alter",
            "create",
            "grant",
            "revoke",
            "merge",
            "call",
            "copy",
            "attach",
            "detach",
            "pragma",
            "vacuum",
            "reindex",
            "rename",
            "handler",
            "load",
            "unlock",
            "begin",
            "commit",
            "rollback",
            "savepoint",
            "execute",
            "exec",
            "prepare",
            "deallocate",
            "declare",
            "outfile",
            "dumpfile",
            "analyze",
            "analyse",
            "comment",
            "kill",
            "shutdown",
            "install",
            "uninstall",
            "flush",
            "purge",
            "import",
            "replace",
            "upsert",
            "listen",
            "notify",
            "cluster",
            "refresh",
            "discard",
            "reset",
            "checkpoint",
            "security",
            "owner",
            "sleep",
            "pg_sleep",
            "benchmark");

    private static final Set<String> EXPLAIN_OPTIONS = Set.of(
            "format",
            "json",
            "costs",
            "verbose",
            "extended",
            "partitions",
            "true",
            "false",
            "on",
            "off",
            "tree",
            "traditional");

    private static final int ALLOWED_MAX = 1_024;

    private static final ThreadLocal<String> ALLOWED_SETTING = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> EXPLAIN_ALLOWED = new ThreadLocal<>();

    /**
     * Texts that passed the full check with no allowance armed (the verdict depends on the text only),
     * remembered by this guard, so by the one target database whose configuration holds it.
     */
    private final ConcurrentHashMap<String, Boolean> allowed = new ConcurrentHashMap<>();

    @Override
    public void prepareStart(ExecuteContext ctx) {
        check(ctx);
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        check(ctx);
    }

    private void check(ExecuteContext ctx) {
        String[] batch = ctx.batchSQL();
        if (batch != null && batch.length > 1) {
            throw new ForbiddenStatementException("batches are not allowed");
        }
        String sql = ctx.sql();
        if (sql == null) {
            throw new ForbiddenStatementException("a statement without SQL text is not allowed");
        }
        verdict(sql);
    }

    /** Throws {@link ForbiddenStatementException} unless {@code sql} is allowed right now on this thread. */
    void verdict(String sql) {
        String setting = ALLOWED_SETTING.get();
        if (setting != null && setting.equals(sql)) {
            return;
        }
        if (allowed.containsKey(sql)) {
            return;
        }
        boolean armed = setting != null || Boolean.TRUE.equals(EXPLAIN_ALLOWED.get());
        check(sql);
        if (!armed) {
            if (allowed.size() >= ALLOWED_MAX) {
                allowed.clear();
            }
            allowed.put(sql, Boolean.TRUE);
        }
    }

    private static void check(String sql) {
        List<String> words = words(sql);
        if (words.isEmpty()) {
            throw new ForbiddenStatementException("empty statement");
        }
        String first = words.get(0);
        int verbAt = 0;
        if (first.equals("explain") && Boolean.TRUE.equals(EXPLAIN_ALLOWED.get())) {
            verbAt = 1;
            while (verbAt < words.size() && EXPLAIN_OPTIONS.contains(words.get(verbAt))) {
                verbAt++;
            }
            if (verbAt >= words.size() || !words.get(verbAt).equals("select")) {
                throw new ForbiddenStatementException("only an EXPLAIN of a SELECT is allowed");
            }
        } else if (!ALLOWED_VERBS.contains(first)) {
            throw new ForbiddenStatementException("only SELECT, INSERT and UPDATE are allowed, not " + first);
        }
        for (String word : words) {
            if (word.equals(";")) {
                throw new ForbiddenStatementException("more than one statement");
            }
            if (FORBIDDEN_WORDS.contains(word)) {
                throw new ForbiddenStatementException("forbidden keyword " + word);
            }
        }
    }

    /** Runs {@code work} with exactly {@code sql} allowed as a session-setting statement on this thread. */
    static <T> T allowingSetting(String sql, Supplier<T> work) {
        ALLOWED_SETTING.set(sql);
        try {
            return work.get();
        } finally {
            ALLOWED_SETTING.remove();
        }
    }

    /** Runs {@code work} with an EXPLAIN of a SELECT allowed on this thread. */
    static <T> T allowingExplain(Supplier<T> work) {
        EXPLAIN_ALLOWED.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            EXPLAIN_ALLOWED.remove();
        }
    }

    /** The lower-cased words and semicolons of {@code sql} outside literals, quoted identifiers and comments. */
    static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                i++;
                while (i < n) {
                    if (sql.charAt(i) == close) {
                        if (i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\'' && sql.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    i++;
                }
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                // a comment hides nothing from us: treat the rest as forbidden content
                throw new ForbiddenStatementException("comments are not allowed");
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                throw new ForbiddenStatementException("comments are not allowed");
            } else if (c == '#') {
                throw new ForbiddenStatementException("comments are not allowed");
            } else if (c == ';') {
                words.add(";");
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                words.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return words;
    }

    /** A statement the guard refused; it never reached the database. */
    static final class ForbiddenStatementException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForbiddenStatementException(String message) {
            super("statement refused by the guard: " + message);
        }
    }
}
