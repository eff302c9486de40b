package dev.tabletalk.testkit.db;

import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a {@link SqlScript}: its text without the terminator, where it starts, and for a PostgreSQL
 * {@code COPY ... FROM stdin} the data lines that followed it (up to, not including, the {@code \.} line).
 *
 * @param line the 1-based line of the script on which the statement's first character stands
 * @param sql the statement as sent to the server, without its delimiter and without leading comments
 * @param copyData the rows of a {@code COPY ... FROM stdin}, each line ending in a newline; empty otherwise
 */
public record ScriptStatement(int line, String sql, Optional<String> copyData) {

    /** Checks the fields. */
    public ScriptStatement {
        if (line < 1) {
            throw new IllegalArgumentException("line " + line);
        }
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(copyData, "copyData");
    }

    /** A statement without COPY data. */
    public static ScriptStatement of(int line, String sql) {
        return new ScriptStatement(line, sql, Optional.empty());
    }
}
