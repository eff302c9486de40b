package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link SqlScript} splits scripts: each construct of psql's and the mariadb client's rules. */
class SqlScriptTest {

    private static List<ScriptStatement> pg(String text) {
        return SqlScript.parse(Engine.POSTGRES, text).statements();
    }

    private static List<ScriptStatement> maria(String text) {
        return SqlScript.parse(Engine.MARIADB, text).statements();
    }

    private static List<String> sql(List<ScriptStatement> statements) {
        return statements.stream().map(ScriptStatement::sql).toList();
    }

    @Test
    void splitsAtSemicolonsAndRecordsEachStatementsFirstLine() {
        assertThat(pg("create table a (id int);\n\ninsert into a\n  values (1);select 2"))
                .containsExactly(
                        ScriptStatement.of(1, "create table a (id int)"),
                        ScriptStatement.of(3, "insert into a\n  values (1)"),
                        ScriptStatement.of(4, "select 2"));
    }

    @Test
    void blankStatementsAndCommentOnlyTailsSendNothing() {
        assertThat(pg(";;\n  ;\n-- only a comment\n/* and a block */\n")).isEmpty();
        assertThat(maria("# hash\n-- dash\n/* block */ ;\n")).isEmpty();
    }

    @Test
    void leadingCommentsAreDroppedAndCommentsInsideAStatementKept() {
        assertThat(pg("-- the table\n/* first */ select 1 -- one; not two\n, 2;"))
                .containsExactly(ScriptStatement.of(2, "select 1 -- one; not two\n, 2"));
    }

    @Test
    void semicolonsInsideQuotesAndIdentifiersDoNotSplit() {
        assertThat(sql(pg("insert into t values ('a;b', 'it''s;');select \"odd;name\" from t;")))
                .containsExactly("insert into t values ('a;b', 'it''s;')", "select \"odd;name\" from t");
    }

    @Test
    void quotedTextSpanningLinesKeepsLineNumbersRight() {
        assertThat(pg("select 'one\ntwo;\nthree';\nselect 4;"))
                .extracting(ScriptStatement::line)
                .containsExactly(1, 4);
    }

    @Test
    void escapeStringsTakeBackslashEscapes() {
        assertThat(sql(pg("select E'it\\'s; fine';select 'plain\\';select 3;")))
                .containsExactly("select E'it\\'s; fine'", "select 'plain\\'", "select 3");
    }

    @Test
    void nonStandardStringsMakeBackslashesEscapeUntilTurnedBackOn() {
        String script = "SET standard_conforming_strings = off;\nselect 'a\\'; b';\n"
                + "set standard_conforming_strings to on;\nselect 'c\\';select 4;";
        assertThat(sql(pg(script)))
                .containsExactly(
                        "SET standard_conforming_strings = off",
                        "select 'a\\'; b'",
                        "set standard_conforming_strings to on",
                        "select 'c\\'",
                        "select 4");
    }

    @Test
    void dollarQuotedBodiesAreTakenWhole() {
        String function =
                "create function f() returns int language plpgsql as $$\nbegin\n  perform 1; return 2;\nend $$";
        String tagged = "create function g() returns text as $_$ select 'x;'::text $_$ language sql";
        String nested = "do $outer$ begin execute $in$select 1;$in$; end $outer$";
        assertThat(sql(pg(function + ";\n" + tagged + ";\n" + nested + ";\nselect $1;")))
                .containsExactly(function, tagged, nested, "select $1");
    }

    @Test
    void dollarSignsInsideIdentifiersOpenNoQuote() {
        assertThat(sql(pg("select a$b$ from t;select 2;"))).containsExactly("select a$b$ from t", "select 2");
    }

    @Test
    void nestedBlockCommentsAreOneComment() {
        assertThat(sql(pg("/* outer /* inner; */ still comment; */ select 1;"))).containsExactly("select 1");
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplitAsInPsql() {
        assertThat(
                        sql(
                                pg(
                                        "create rule r as on insert to t do also (insert into u values (1); insert into v values (2));")))
                .hasSize(1);
    }

    @Test
    void copyFromStdinTakesTheLinesUpToBackslashDot() {
        List<ScriptStatement> statements =
                pg("COPY public.t (id, name) FROM stdin;\n1\tAda\n2\tit's; fine\n\\.\nselect 3;\n");
        assertThat(statements)
                .containsExactly(
                        new ScriptStatement(
                                1, "COPY public.t (id, name) FROM stdin", Optional.of("1\tAda\n2\tit's; fine\n")),
                        ScriptStatement.of(5, "select 3"));
    }

    @Test
    void copyDataWithoutItsTerminatorIsRefusedWithTheCopyLine() {
        assertThatThrownBy(() -> pg("select 1;\ncopy t from stdin;\n1\n2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("\\.");
    }

    @Test
    void harmlessPsqlMetaCommandsAreSkipped() {
        String script = "\\set ON_ERROR_STOP on\n\\echo loading\n\\restrict abc123\nselect 1;\n\\unrestrict abc123\n";
        assertThat(pg(script)).containsExactly(ScriptStatement.of(4, "select 1"));
    }

    @Test
    void otherPsqlMetaCommandsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> pg("select 1;\n\\connect other\nselect 2;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("\\connect other");
        assertThatThrownBy(() -> pg("\\i other.sql")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> pg("\\set schema public\nselect :schema;")).hasMessageContaining("psql variables");
    }

    @Test
    void unterminatedQuotesAndCommentsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> pg("select 1;\nselect 'open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> pg("select $$ body")).hasMessageContaining("$$");
        assertThatThrownBy(() -> pg("/* /* */ select 1;")).hasMessageContaining("comment");
        assertThatThrownBy(() -> maria("select \"x")).hasMessageContaining("line 1");
    }

    @Test
    void mariaDbQuotesTakeBackslashEscapesAndBackticksDoubled() {
        assertThat(sql(maria("insert into t values ('a\\';b', \"c\"\";d\");select `x``;y` from t;")))
                .containsExactly("insert into t values ('a\\';b', \"c\"\";d\")", "select `x``;y` from t");
    }

    @Test
    void mariaDbCommentsNeedASpaceAfterTheDashes() {
        assertThat(sql(maria("select 5--1;\nselect 6 -- a comment; here\n;# hash; comment\nselect 7;")))
                .containsExactly("select 5--1", "select 6 -- a comment; here", "select 7");
    }

    @Test
    void mariaDbConditionalCommentsArePassedThroughWhole() {
        String table = "CREATE TABLE t (\n  id int,\n  /*!50705 location GEOMETRY NOT NULL,*/\n  name text)";
        assertThat(maria(table + ";\n/*!50610 ALTER TABLE t engine=InnoDB; */;\n/*!40101 SET NAMES utf8 */;"))
                .containsExactly(
                        ScriptStatement.of(1, table),
                        ScriptStatement.of(5, "/*!50610 ALTER TABLE t engine=InnoDB; */"),
                        ScriptStatement.of(6, "/*!40101 SET NAMES utf8 */"));
    }

    @Test
    void mariaDbDelimiterLinesChangeTheDelimiterAndAreNotSent() {
        String trigger =
                "CREATE TRIGGER t1 AFTER INSERT ON a FOR EACH ROW BEGIN\n  INSERT INTO b VALUES (NEW.id);\nEND";
        String procedure = "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END";
        String script = "select 1;\nDELIMITER ;;\n" + trigger + ";;\ndelimiter $$\n" + procedure + " $$\nDELIMITER ;\n"
                + "select 2;";
        assertThat(maria(script))
                .containsExactly(
                        ScriptStatement.of(1, "select 1"),
                        ScriptStatement.of(3, trigger),
                        ScriptStatement.of(7, procedure),
                        ScriptStatement.of(9, "select 2"));
    }

    @Test
    void delimiterIsOnlyAClientCommandForMariaDb() {
        assertThat(sql(pg("delimiter ;;\n"))).containsExactly("delimiter");
    }
}
