package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code tabletalk init} as a process against PostgreSQL: writes a commented file, never twice without --force. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitCliIT {

    private static final String PASSWORD = "pw-from-the-environment";

    private final DatabaseServer server = DatabaseServers.postgres();
    private String database;
    private Path directory;

    @BeforeAll
    void createDatabase() throws SQLException, IOException {
        database = server.createDatabase("tt_app_init");
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("create table customers (id serial primary key, company_id int not null, "
                    + "name text not null, password_hash text, iban text)");
            statement.execute("create table api_keys (id serial primary key, secret text)");
        }
        directory =
                Files.createDirectories(Path.of("target", "it-work", database).toAbsolutePath());
    }

    @AfterAll
    void dropDatabase() {
        server.dropDatabase(database);
    }

    private TableTalkJar.Result init(Path out, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "init";
        args[1] = "--db";
        args[2] = server.urlWithUser(database);
        args[3] = "--out=" + out;
        System.arraycopy(more, 0, args, 4, more.length);
        return TableTalkJar.run("", Map.of("TABLETALK_DB_PASSWORD", PASSWORD), args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(new StringReader(text));
    }

    @Test
    @Tag("invariant-6")
    @SuppressWarnings("unchecked")
    void writesACommentedFileThatParsesAndHoldsNoSecret() throws IOException {
        Path out = directory.resolve("fresh.yaml");

        TableTalkJar.Result result = init(out);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("wrote", "1 exposed and 1 hidden");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(PASSWORD).contains("# an authentication or secret table");
        Map<String, Object> file = parse(out);
        assertThat((Map<String, Object>) file.get("database"))
                .containsEntry("password", "${env:TABLETALK_DB_PASSWORD}");
        Map<String, Object> entities = (Map<String, Object>) file.get("entities");
        assertThat((Map<String, Object>) entities.get("api_keys")).containsEntry("exposure", "hidden");
        Map<String, Object> customers = (Map<String, Object>) entities.get("customers");
        assertThat(customers).containsEntry("exposure", "read_write");
        assertThat((Map<String, Object>) customers.get("columns"))
                .containsEntry("password_hash", Map.of("exposure", "hidden"))
                .containsEntry("iban", Map.of("exposure", "masked"));
        assertThat((Map<String, Object>) ((Map<String, Object>) file.get("tenancy")).get("entities"))
                .containsEntry("customers", "direct");
    }

    @Test
    void refusesToReplaceAFileUnlessForced() throws IOException {
        Path out = directory.resolve("edited.yaml");
        Files.writeString(out, "# the operator's edits\n", StandardCharsets.UTF_8);

        TableTalkJar.Result refused = init(out);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains("already exists", "--force");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("# the operator's edits\n");

        TableTalkJar.Result forced = init(out, "--force");

        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("entities:", "customers");
    }

    @Test
    void anUnreachableDatabaseWritesNothing() {
        Path out = directory.resolve("unreachable.yaml");

        TableTalkJar.Result result =
                TableTalkJar.run("", "init", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?user=x", "--out=" + out);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(5);
        assertThat(result.stderr()).startsWith("tabletalk: ").doesNotContain("Exception", "at dev.");
        assertThat(out).doesNotExist();
    }
}
