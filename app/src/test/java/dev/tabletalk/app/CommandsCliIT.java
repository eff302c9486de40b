package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The other commands, help, usage errors and exit codes, as a process. */
class CommandsCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** In this JVM ({@link Main#run}): the jar's own start is shown by the other tests, help needs none of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"demo", "chat", "plan", "schema", "audit", "replay", "doctor", "serve", "init", "admin"})
    void everyCommandHasHelp(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Main.run(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), command, "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: tabletalk " + command, "--help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theJarShowsACommandsHelp() {
        TableTalkJar.Result result = TableTalkJar.run("", "serve", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Usage: tabletalk serve", "--help");
    }

    @Test
    void theBareCommandShowsTheCommands() {
        TableTalkJar.Result result = TableTalkJar.run("");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("demo", "chat", "plan", "schema", "Exit codes");
    }

    @Test
    void aPlanIsPrintedAsJsonAndNothingRuns() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run(
                "",
                "plan",
                "--demo",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore(),
                "set",
                "the",
                "city",
                "of",
                "customer",
                "102",
                "to",
                "Boston");

        assertThat(result.exitCode()).isZero();
        JsonNode plan = JSON.readTree(result.stdoutLines().get(0));
        assertThat(plan.fieldNames())
                .toIterable()
                .containsExactly(
                        "message",
                        "intent",
                        "entity",
                        "fields",
                        "filters",
                        "select",
                        "orderBy",
                        "limit",
                        "offset",
                        "after",
                        "aggregate",
                        "deleted",
                        "question",
                        "interpretation",
                        "refusal");
        assertThat(plan.get("intent").asText()).isEqualTo("update");
        assertThat(plan.get("entity").asText()).isEqualTo("customers");
        assertThat(plan.get("fields").get("city").asText()).isEqualTo("Boston");
        assertThat(plan.get("filters").get(0).get("field").asText()).isEqualTo("id");
        assertThat(plan.get("filters").get(0).get("op").asText()).isEqualTo("=");
        assertThat(plan.get("filters").get(0).get("value").asInt()).isEqualTo(102);
        assertThat(plan.get("refusal").isNull()).isTrue();
        // an update: no read parts, no interpretation
        assertThat(plan.get("aggregate").isNull()).isTrue();
        assertThat(plan.get("after").isNull())
                .as("one message planned alone starts from the first row")
                .isTrue();
        assertThat(plan.get("interpretation").isNull()).isTrue();
    }

    @Test
    void plansOfStdinLinesAndARefusalExitWithThree() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run(
                "show the 5 newest orders\ndelete customer 101\n",
                "plan",
                "--demo",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.stdoutLines()).hasSize(2);
        JsonNode read = JSON.readTree(result.stdoutLines().get(0));
        assertThat(read.get("intent").asText()).isEqualTo("read");
        assertThat(read.get("limit").asInt()).isEqualTo(5);
        JsonNode delete = JSON.readTree(result.stdoutLines().get(1));
        assertThat(delete.get("refusal").get("code").asText()).isEqualTo("delete_not_allowed");
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void theSchemaShowsExposedAndHiddenTablesWithReasons() throws IOException {
        TableTalkJar.Result text =
                TableTalkJar.run("", "schema", "--demo", "--audit-db", TableTalkJar.memoryAuditStore());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout())
                .contains(
                        "customers  [read-write]",
                        "page_views  [read-only]",
                        "Hidden (3):",
                        "users  hidden by the configured deny pattern users",
                        "api_tokens",
                        "flyway_schema_history");

        TableTalkJar.Result json =
                TableTalkJar.run("", "schema", "--demo", "--json", "--audit-db", TableTalkJar.memoryAuditStore());
        assertThat(json.exitCode()).isZero();
        Map<String, String> exposure = new HashMap<>();
        JSON.readTree(json.stdout())
                .get("entities")
                .forEach(e ->
                        exposure.put(e.get("name").asText(), e.get("exposure").asText()));
        assertThat(exposure)
                .containsEntry("customers", "READ_WRITE")
                .containsEntry("page_views", "READ_ONLY")
                .containsEntry("users", "HIDDEN")
                .containsEntry("api_tokens", "HIDDEN")
                .containsEntry("flyway_schema_history", "HIDDEN");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        TableTalkJar.Result result = TableTalkJar.run("", "chat", "--colour");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(result.stderr()).contains("--colour", "tabletalk chat --help");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void chatWithoutADatabaseSaysHowToGiveOne() {
        TableTalkJar.Result result = TableTalkJar.run("show customers\n", "chat");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(result.stderr()).contains("--db", "TABLETALK_DB_URL", "tabletalk demo");
    }

    @Test
    void anUnreachableDatabaseExitsWithFiveOnOneLine() {
        TableTalkJar.Result result = TableTalkJar.run(
                "show customers\n",
                Map.of("TABLETALK_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=s3cret"),
                "chat",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stderr().lines()).hasSize(1);
        assertThat(result.stderr()).contains("database").doesNotContain("s3cret", "Exception", "\tat ");
    }

    @Test
    void anUnknownPlannerIsAUsageError() {
        TableTalkJar.Result result =
                TableTalkJar.run("", "demo", "--planner", "magic", "--audit-db", TableTalkJar.memoryAuditStore());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown planner 'magic'");
    }
}
