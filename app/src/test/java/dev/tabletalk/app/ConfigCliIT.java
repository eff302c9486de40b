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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * tabletalk.yaml through the real jar on PostgreSQL (#14): {@code config validate}, {@code config show} and
 * {@code config schema}, a file's row cap applied to a read, and the precedence flags &gt; environment &gt; file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    private static final String TOKEN = "operator-token-for-the-config-test-0123456789";

    @TempDir
    Path folder;

    private String database;
    private String url;

    @BeforeAll
    void createDatabase() throws SQLException {
        database = "tt_cfg_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        url = PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1") + "?user=postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table customers (id serial primary key, company_id int not null, "
                    + "name text not null, city text, password_hash text)");
            statement.execute("create table api_tokens (id serial primary key, company_id int not null, label text)");
            statement.execute("insert into customers (company_id, name, city) values (1, 'Ada', 'London'), "
                    + "(1, 'Grace', 'New York'), (1, 'Linus', 'Portland'), (1, 'Edsger', 'Austin'), "
                    + "(1, 'Barbara', 'Boston'), (2, 'Alan', 'Wilmslow')");
        }
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }

    private static int rowsOfShowCustomers(TableTalkJar.Result result) throws IOException {
        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
        JsonNode reply = JSON.readTree(result.stdoutLines().get(0));
        return reply.get("rows").size();
    }

    @Test
    void validateSaysOkForAGoodFile() throws IOException {
        Path config =
                file("good.yaml", "database:\n  url: \"" + url + "\"\nlimits: {maxRows: 2, statementTimeout: 5s}\n");

        TableTalkJar.Result result = TableTalkJar.run("", "config", "validate", "--config", config.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("The configuration is valid (" + config + ")");
    }

    @Test
    void validateNamesTheFileLineAndKeyOfEveryProblemAndExitsTwo() throws IOException {
        Path config = file(
                "bad.yaml",
                "database:\n  password: hunter2-in-clear\nlimits:\n  maxRowz: 2\n  statementTimeout: 5 seconds\n");

        TableTalkJar.Result result = TableTalkJar.run("", "config", "validate", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .contains(config + ":2: database.password: a secret must not be written in the file")
                .contains(config + ":4: limits.maxRowz: unknown key")
                .contains(config + ":5: limits.statementTimeout: ")
                .doesNotContain("hunter2", "Exception", "\tat ");
    }

    @Test
    void validateChecksTheNamesOfTheFileAgainstTheDatabaseItNames() throws IOException {
        Path config = file(
                "names.yaml",
                "database:\n  url: \"" + url + "\"\n"
                        + "entities:\n  customers:\n    columns: {cty: {exposure: hidden}}\n"
                        + "macros:\n  rename customer:\n    params: {id: integer, name: text}\n"
                        + "    plan: {intent: update, entity: customers, filters: [{field: id, op: \"=\", value: \"{id}\"}],"
                        + " fields: {nickname: \"{name}\"}}\n");

        TableTalkJar.Result checked = TableTalkJar.run("", "config", "validate", "--config", config.toString());

        assertThat(checked.exitCode()).isEqualTo(2);
        assertThat(checked.stderr())
                .contains(config + ":5: entities.customers.columns.cty: ")
                .contains("city")
                .doesNotContain("Exception", "\tat ");
        TableTalkJar.Result started = TableTalkJar.run(
                "show customers\n",
                "chat",
                "--config",
                config.toString(),
                "--tenant",
                "1",
                "--audit-db",
                TableTalkJar.memoryAuditStore());
        assertThat(started.exitCode())
                .as("a command that opens the database stops the same way")
                .isEqualTo(2);
        assertThat(started.stderr())
                .contains(config + ":5: entities.customers.columns.cty: ")
                .doesNotContain("Exception", "\tat ");

        Path fixed = file(
                "macro.yaml",
                "database:\n  url: \"" + url + "\"\n"
                        + "macros:\n  rename customer:\n    params: {id: integer, name: text}\n"
                        + "    plan: {intent: update, entity: customers, filters: [{field: id, op: \"=\", value: \"{id}\"}],"
                        + " fields: {nickname: \"{name}\"}}\n");
        TableTalkJar.Result macro = TableTalkJar.run("", "config", "validate", "--config", fixed.toString());

        assertThat(macro.exitCode()).isEqualTo(2);
        assertThat(macro.stderr())
                .contains(fixed + ":5: macros.rename customer: ")
                .contains("nickname");

        TableTalkJar.Result offline =
                TableTalkJar.run("", "config", "validate", "--offline", "--config", fixed.toString());
        assertThat(offline.exitCode()).as(offline.stderr()).isZero();

        // invariant 6: a role cannot be granted a column the catalog hides, and the error does not echo its value
        Path role = file(
                "role.yaml",
                "database:\n  url: \"" + url + "\"\n"
                        + "roles:\n  support:\n    read: [customers]\n"
                        + "    columns: {customers: [id, name, password_hash]}\n");
        TableTalkJar.Result granted = TableTalkJar.run("", "config", "validate", "--config", role.toString());
        assertThat(granted.exitCode()).isEqualTo(2);
        assertThat(granted.stderr())
                .contains(role + ":6: roles.support.columns.customers")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void validateSaysWhenTheDatabaseCannotBeReachedAndExitsFive() throws IOException {
        Path config = file(
                "unreachable.yaml",
                "database:\n  url: \"jdbc:postgresql://127.0.0.1:1/nothing?user=postgres\"\n"
                        + "entities:\n  customers: {exposure: read_only}\n");

        TableTalkJar.Result result = TableTalkJar.run("", "config", "validate", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stderr())
                .contains("Cannot check the names against the database")
                .contains("--offline")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void doctorRunsWithTheFilesCredentialsAndOverridesAndWarnsAboutEveryAllowSecret() throws IOException {
        Path config = file(
                "doctor.yaml",
                "database:\n  url: \"" + url.replace("?user=postgres", "") + "\"\n  user: postgres\n"
                        + "entities:\n  api_tokens: {exposure: read_only, allowSecret: true}\n");

        TableTalkJar.Result result = TableTalkJar.run("", "doctor", "--config", config.toString(), "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("user").asText()).isEqualTo("postgres");
        assertThat(report.get("warnings").toString()).contains("api_tokens").contains("allowSecret");
        assertThat(report.get("exposedEntities").asInt())
                .as("customers, and api_tokens shown by the file")
                .isEqualTo(2);
    }

    @Test
    void doctorOpensAConnectionToEachSharedStoreAndExitsWithFiveWhenOneCannotBeReached() throws IOException {
        Path config = file(
                "doctor-shared.yaml",
                "database:\n  url: \"" + url + "\"\n"
                        + "sessions:\n  url: \"" + url.replace("?user=postgres", "") + "\"\n  user: postgres\n"
                        + "sharedState:\n  url: \"jdbc:postgresql://127.0.0.1:1/state?user=postgres&password=s3cret\"\n");

        TableTalkJar.Result result = TableTalkJar.run("", "doctor", "--config", config.toString(), "--json");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(5);
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("ok").asBoolean()).as("the target itself is fine").isTrue();
        JsonNode stores = report.get("sharedStores");
        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).get("name").asText()).isEqualTo("session store");
        assertThat(stores.get(0).get("ok").asBoolean()).isTrue();
        assertThat(stores.get(0).get("location").asText()).endsWith(" as postgres");
        assertThat(stores.get(1).get("name").asText()).isEqualTo("shared state");
        assertThat(stores.get(1).get("ok").asBoolean()).isFalse();
        assertThat(stores.get(1).get("message").asText()).containsIgnoringCase("refused");
        assertThat(result.stdout()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void showMasksSecretsAndSaysWhereEachValueCameFrom() throws IOException {
        Path config = file(
                "show.yaml",
                "database:\n  url: \"" + url + "\"\nlimits:\n  maxRows: 2\nadmin:\n  token: \"${env:MY_TOKEN}\"\n");

        TableTalkJar.Result result = TableTalkJar.run(
                "",
                Map.of("MY_TOKEN", TOKEN, "TABLETALK_DB_PASSWORD", "pw-from-the-environment"),
                "config",
                "show",
                "--config",
                config.toString(),
                "--planner",
                "rules");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout())
                .contains("admin.token = ***  (file:6)")
                .contains("database.password = ***  (env:TABLETALK_DB_PASSWORD)")
                .contains("limits.maxRows = 2  (file:4)")
                .contains("limits.maxAffectedRows = 20  (default)")
                .contains("planner.models = [\"rules\"]  (flag:--planner)")
                .doesNotContain(TOKEN, "pw-from-the-environment");
    }

    @Test
    void schemaPrintsTheJsonSchema() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run("", "config", "schema");

        assertThat(result.exitCode()).isZero();
        JsonNode schema = JSON.readTree(result.stdout());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/properties/limits/properties/maxRows/maximum").asInt())
                .isEqualTo(100);
    }

    @Test
    @Tag("invariant-3")
    void theFilesRowCapLimitsARead_theEnvironmentWinsOverTheFile_andAFlagOverBoth() throws IOException {
        Path config = file(
                "chat.yaml",
                "database:\n  url: \"jdbc:postgresql://127.0.0.1:1/not_this_one\"\nlimits:\n  maxRows: 2\n");
        String audit = TableTalkJar.memoryAuditStore();
        Map<String, String> urlFromEnvironment = Map.of("TABLETALK_DB_URL", url);

        int fromFile = rowsOfShowCustomers(TableTalkJar.run(
                "show customers\n",
                urlFromEnvironment,
                "chat",
                "--config",
                config.toString(),
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                audit));
        int fromEnvironment = rowsOfShowCustomers(TableTalkJar.run(
                "show customers\n",
                Map.of("TABLETALK_DB_URL", url, "TABLETALK_LIMITS_MAX_ROWS", "3"),
                "chat",
                "--config",
                config.toString(),
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                audit));
        int fromFlag = rowsOfShowCustomers(TableTalkJar.run(
                "show customers\n",
                Map.of("TABLETALK_DB_URL", "jdbc:postgresql://127.0.0.1:1/nor_this_one"),
                "chat",
                "--config",
                config.toString(),
                "--db",
                url,
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                audit));

        assertThat(fromFile).as("the file's limits.maxRows").isEqualTo(2);
        assertThat(fromEnvironment)
                .as("TABLETALK_LIMITS_MAX_ROWS over the file")
                .isEqualTo(3);
        assertThat(fromFlag)
                .as("--db over TABLETALK_DB_URL over the file's database.url")
                .isEqualTo(2);
    }

    @Test
    void aBadEnvironmentValueStopsAChatWithExitTwoNamingTheVariable() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run(
                "show customers\n",
                Map.of("TABLETALK_DB_URL", url, "TABLETALK_LIMITS_MAX_ROWS", "500"),
                "chat",
                "--tenant",
                "1",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("environment variable TABLETALK_LIMITS_MAX_ROWS: limits.maxRows: ")
                .doesNotContain("\tat ");
    }
}
