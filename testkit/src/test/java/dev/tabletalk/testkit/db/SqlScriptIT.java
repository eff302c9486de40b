package dev.tabletalk.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SqlScript} runs scripts on the real test servers, with no psql or mariadb client involved. */
class SqlScriptIT {

    private static List<String> column(DatabaseServer server, String database, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void postgresLoadsCopyDataAndDollarQuotedFunctions() throws SQLException {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_script");
        try {
            server.runScript(database, """
                    -- a pg_dump-like script
                    \\set ON_ERROR_STOP on
                    SET standard_conforming_strings = on;
                    CREATE TABLE person (id int PRIMARY KEY, name text);
                    CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $body$
                    BEGIN
                      RETURN upper(t) || ';';
                    END $body$;
                    COPY person (id, name) FROM stdin;
                    1\tAda; Lovelace
                    2\tZoë \\\\N
                    3\t\\N
                    \\.
                    INSERT INTO person VALUES (4, shout('it''s'));
                    """);
            assertThat(column(server, database, "select coalesce(name, '<null>') from person order by id"))
                    .containsExactly("Ada; Lovelace", "Zoë \\N", "<null>", "IT'S;");
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void postgresStopsAtTheFirstFailingStatementAndNamesItsLine() throws SQLException {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_script");
        try {
            assertThatThrownBy(() -> server.runScript(
                            database,
                            "create table before_error (id int);\n\n-- next one fails\ninsert into\n  missing values (1);\n"
                                    + "create table after_error (id int);\n"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line 4")
                    .hasMessageContaining("missing");
            assertThat(column(
                            server,
                            database,
                            "select table_name from information_schema.tables"
                                    + " where table_schema = 'public' order by 1"))
                    .containsExactly("before_error");
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void mariaDbRunsTriggersBetweenDelimitersAndConditionalComments() throws SQLException {
        DatabaseServer server = DatabaseServers.mariaDb();
        String database = server.createDatabase("tt_script");
        try {
            server.runScript(database, """
                    /*!40101 SET NAMES utf8mb4 */;
                    CREATE TABLE person (id int PRIMARY KEY, name varchar(40) /*!50000 NOT NULL */);
                    CREATE TABLE log (name varchar(40));
                    -- a trigger body has semicolons of its own
                    DELIMITER ;;
                    CREATE TRIGGER person_log AFTER INSERT ON person FOR EACH ROW BEGIN
                      INSERT INTO log VALUES (CONCAT(NEW.name, ';'));
                    END;;
                    DELIMITER ;
                    /*!50000 CREATE TABLE kept (id int) */;
                    /*!99999 CREATE TABLE skipped_by_version (id int) */;
                    INSERT INTO person VALUES (1, 'O\\'Brien'), (2, "Zoë");
                    """);
            assertThat(column(server, database, "select name from log order by name"))
                    .containsExactly("O'Brien;", "Zoë;");
            assertThat(column(
                            server,
                            database,
                            "select table_name from information_schema.tables"
                                    + " where table_schema = database() order by 1"))
                    .containsExactly("kept", "log", "person");
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void mariaDbStopsAtTheFirstFailingStatementAndNamesItsLine() throws SQLException {
        DatabaseServer server = DatabaseServers.mariaDb();
        String database = server.createDatabase("tt_script");
        try {
            assertThatThrownBy(
                            () -> server.runScript(
                                    database,
                                    "create table before_error (id int);\nselect * from missing;\ncreate table after_error (id int);"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("missing");
            assertThat(column(
                            server,
                            database,
                            "select table_name from information_schema.tables" + " where table_schema = database()"))
                    .containsExactly("before_error");
        } finally {
            server.dropDatabase(database);
        }
    }
}
