package dev.tabletalk.testkit.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A SQL script (a dump, a sample database, a fixture) split into statements and run over JDBC, so that tests need
 * no {@code psql} or {@code mariadb} client on the machine (issue #12). Immutable.
 *
 * <p>Splitting follows the engine's command-line client: statements end at {@code ;} (or, for MariaDB, the
 * delimiter in force) outside quotes and comments. PostgreSQL: {@code '...'} with {@code ''} (and backslash escapes
 * in {@code E'...'} strings, or everywhere after {@code SET standard_conforming_strings = off}), {@code "..."},
 * dollar-quoted bodies {@code $$...$$} and {@code $tag$...$tag$}, {@code --} and nested block comments, no split
 * inside parentheses; {@code COPY ... FROM stdin;} takes the following lines up to the line {@code \.} as its data;
 * psql meta-commands that only change psql's output ({@code \echo}, {@code \pset}, {@code \restrict}, {@code \set}
 * of psql's upper-case settings such as ON_ERROR_STOP, ...) are skipped and any other one ({@code \connect},
 * {@code \i}, {@code \set} of a variable, ...) is refused with its line. MariaDB: {@code '...'} and {@code "..."}
 * with backslash escapes and doubled quotes, backticks, {@code #}, {@code -- } and block comments, conditional
 * comments {@code /*! ... *}{@code /} passed through whole to the server (which keeps or drops them by version), and
 * {@code DELIMITER x} lines that change the delimiter (for trigger and procedure bodies). Comments before a
 * statement are dropped, so a script's trailing comments send nothing. Not supported: psql variable
 * interpolation ({@code :name}) and {@code BEGIN ATOMIC} function bodies without dollar quotes.
 *
 * <p>{@link #run(Connection)} stops at the first statement that fails (psql's {@code ON_ERROR_STOP=1}) and names its
 * line; statements run in the connection's auto-commit mode, as the clients do.
 */
public final class SqlScript {

    private final Engine engine;
    private final List<ScriptStatement> statements;

    private SqlScript(Engine engine, List<ScriptStatement> statements) {
        this.engine = engine;
        this.statements = statements;
    }

    /**
     * Splits {@code text} as the engine's client would.
     *
     * @throws IllegalArgumentException for an unterminated quote or comment, COPY data without its {@code \.} line,
     *     or a psql meta-command this loader refuses, naming the line
     */
    public static SqlScript parse(Engine engine, String text) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(text, "text");
        return new SqlScript(engine, ScriptSplitter.split(engine, text));
    }

    /** The engine whose client's rules split this script. */
    public Engine engine() {
        return engine;
    }

    /** The statements in script order. */
    public List<ScriptStatement> statements() {
        return statements;
    }

    /**
     * Runs every statement on {@code connection}, {@code COPY ... FROM stdin} data through pgjdbc's
     * {@link CopyManager}; stops at the first failure.
     *
     * @throws IllegalStateException when a statement fails: the message names its line, its start and the server's
     *     error, the cause is the {@link SQLException}
     */
    public void run(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            // the text goes to the server as written: no JDBC {fn ...} escape rewriting
            statement.setEscapeProcessing(false);
            for (ScriptStatement next : statements) {
                run(connection, statement, next);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run a script on this connection: " + e.getMessage(), e);
        }
    }

    private static void run(Connection connection, Statement statement, ScriptStatement next) {
        try {
            if (next.copyData().isPresent()) {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn(next.sql(), new StringReader(next.copyData().get()));
            } else {
                statement.execute(next.sql());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(
                    "script statement at line " + next.line() + " failed: " + e.getMessage() + "\n  statement: "
                            + abbreviate(next.sql()),
                    e);
        }
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
