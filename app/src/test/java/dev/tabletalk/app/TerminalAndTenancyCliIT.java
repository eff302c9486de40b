package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jar as a person runs it, on a PostgreSQL database of its own: terminal control sequences in data, names
 * and messages are printed escaped by every text command and kept as they are by {@code --json} (PUB-111); and a
 * tenant on a database where no table has the tenant column is told so at start (PUB-101).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalAndTenancyCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    /** Clear the screen, and set the terminal's title (an OSC sequence ended by BEL). */
    private static final String HOSTILE = "a\u001b[2Jb\u001b]0;title\u0007c";

    private String database;
    private String url;
    private Path auditDirectory;

    @BeforeAll
    void createDatabase() throws SQLException, IOException {
        database = "tt_term_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        url = PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table notes (id serial primary key, title text not null, body text)");
            statement.execute("create table \"odd" + HOSTILE + "\" (id serial primary key, label text)");
            try (PreparedStatement insert =
                    connection.prepareStatement("insert into notes (title, body) values (?, ?)")) {
                insert.setString(1, "plain");
                insert.setString(2, HOSTILE);
                insert.executeUpdate();
            }
        }
        auditDirectory = Files.createTempDirectory("tt_term_audit");
    }

    @AfterAll
    void dropDatabase() throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
        try (var files = Files.walk(auditDirectory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void controlSequencesAreEscapedInTextAndKeptInJson() throws IOException {
        String audit = "jdbc:h2:file:" + auditDirectory.resolve("audit") + ";AUTO_SERVER=TRUE";
        Map<String, String> environment = Map.of("TABLETALK_DB_URL", url + "?user=postgres");
        String messages = "show notes\nshow notes " + HOSTILE + "\n";

        TableTalkJar.Result text = TableTalkJar.run(messages, environment, "chat", "--audit-db", audit);
        TableTalkJar.Result json = TableTalkJar.run(messages, environment, "chat", "--json", "--audit-db", audit);
        String session =
                JSON.readTree(json.stdoutLines().get(0)).get("sessionId").asText();
        TableTalkJar.Result shown = TableTalkJar.run("", "audit", "show", session, "--audit-db", audit);
        TableTalkJar.Result shownJson = TableTalkJar.run("", "audit", "show", session, "--json", "--audit-db", audit);
        TableTalkJar.Result schema = TableTalkJar.run("", environment, "schema", "--audit-db", audit);

        for (TableTalkJar.Result result : new TableTalkJar.Result[] {text, shown, schema}) {
            assertNoRawControls(result.stdout());
            assertNoRawControls(result.stderr());
        }
        assertThat(text.stdout()).contains("a\\e[2Jb\\e]0;title\\ac");
        assertThat(shown.stdout()).contains("a\\e[2Jb\\e]0;title\\ac");
        assertThat(schema.stdout()).contains("odda\\e[2Jb\\e]0;title\\ac");
        JsonNode row = JSON.readTree(json.stdoutLines().get(0)).get("rows").get(0);
        assertThat(row.get("body").asText())
                .as("--json carries the value unchanged")
                .isEqualTo(HOSTILE);
        assertThat(shownJson.stdout()).contains("\\u001B[2J").doesNotContain("\\e[2J");
    }

    @Test
    @Tag("invariant-7")
    void aTenantOnADatabaseWithoutTheTenantColumnIsToldAtStartAndCanOnlyRead() throws IOException {
        Map<String, String> environment = Map.of("TABLETALK_DB_URL", url + "?user=postgres");

        TableTalkJar.Result chat = TableTalkJar.run(
                "show notes\nset the title of note 1 to changed\n",
                environment,
                "chat",
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());
        TableTalkJar.Result doctor = TableTalkJar.run("", "doctor", "--db", url + "?user=postgres");

        assertThat(chat.stderr())
                .contains("no table or view has the tenant column company_id", "callers with a tenant can only read");
        assertThat(JSON.readTree(chat.stdoutLines().get(0)).get("rows")).hasSize(1);
        assertThat(JSON.readTree(chat.stdoutLines().get(1))
                        .get("refusal")
                        .get("code")
                        .asText())
                .isEqualTo("entity_read_only");
        assertThat(doctor.stdout())
                .contains("WARNING:", "no table or view has the tenant column company_id", "tenancy:", "notes: shared");
    }

    private static void assertNoRawControls(String output) {
        for (char c : output.toCharArray()) {
            if (c != '\n' && c != '\r' && c != '\t') {
                assertThat(Character.isISOControl(c))
                        .as("raw control U+%04X in %s", (int) c, output)
                        .isFalse();
            }
        }
    }
}
