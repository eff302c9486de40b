package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code tabletalk chat} end to end, as a process, against a PostgreSQL database of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();

    private String database;
    private String url;
    private String role;

    @BeforeAll
    void createDatabase() throws SQLException {
        database = "tt_app_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        url = PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table customers (id serial primary key, company_id int not null, "
                    + "name text not null, email text not null, city text)");
            statement.execute("create table api_keys (id serial primary key, company_id int not null, "
                    + "secret text not null)");
            statement.execute("insert into customers (company_id, name, email, city) values "
                    + "(1, 'Ada Lovelace', 'ada@example.org', 'London'), "
                    + "(2, 'Linus Torvalds', 'linus@example.org', 'Portland'), "
                    + "(1, 'Grace Hopper', 'grace@example.org', 'New York')");
            statement.execute("insert into api_keys (company_id, secret) values (1, 'k1')");
            role = database + "_user";
            statement.execute("create role " + role + " login");
            statement.execute("grant select, insert, update, delete on customers to " + role);
        }
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("drop role if exists " + role);
        }
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void chatReadsCreatesUpdatesWithConfirmAndRefusesADeleteOnPostgres() throws SQLException {
        String messages = String.join(
                "\n",
                "show customers",
                "add a customer named Zoe Quinn",
                "zoe@example.org",
                "confirm",
                "set the city of customer 3 to Oslo",
                "confirm",
                "delete customer 1",
                "show api keys",
                "");
        TableTalkJar.Result result = TableTalkJar.run(
                messages,
                Map.of("TABLETALK_DB_URL", url + "?user=postgres"),
                "chat",
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.stderr()).isEmpty();
        List<JsonNode> replies = parse(result.stdoutLines());
        assertThat(replies).hasSize(8);
        assertThat(replies.get(0).get("rows")).hasSize(2);
        replies.get(0)
                .get("rows")
                .forEach(row -> assertThat(row.get("company_id").asInt()).isEqualTo(1));
        assertThat(replies.get(1).get("missing").get(0).get("field").asText()).isEqualTo("email");
        assertThat(replies.get(2).get("stage").asText()).isEqualTo("PREVIEW");
        assertThat(replies.get(3).get("stage").asText()).isEqualTo("IDLE");
        JsonNode change = replies.get(4).get("preview").get("changes").get(0);
        assertThat(change.get("before").get("city").asText()).isEqualTo("New York");
        assertThat(change.get("after").get("city").asText()).isEqualTo("Oslo");
        assertThat(replies.get(6).get("refusal").get("code").asText()).isEqualTo("delete_not_allowed");
        assertThat(replies.get(7).get("refusal").get("code").asText()).isIn("not_understood", "unknown_entity");
        assertThat(result.exitCode()).isEqualTo(3);

        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select id, company_id, name, city from customers order by id")) {
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getInt(1) + "/" + rows.getInt(2) + "/" + rows.getString(3) + "/" + rows.getString(4));
            }
            assertThat(seen)
                    .containsExactly(
                            "1/1/Ada Lovelace/London",
                            "2/2/Linus Torvalds/Portland",
                            "3/1/Grace Hopper/Oslo",
                            "4/1/Zoe Quinn/null");
        }
    }

    @Test
    void planAndSchemaWorkOnPostgres() throws IOException {
        TableTalkJar.Result plan = TableTalkJar.run(
                "",
                "plan",
                "--db",
                url + "?user=postgres",
                "--json",
                "--tenant",
                "1",
                "--audit-db",
                TableTalkJar.memoryAuditStore(),
                "show customers in city London");
        assertThat(plan.exitCode()).isZero();
        assertThat(JSON.readTree(plan.stdout()).get("entity").asText()).isEqualTo("customers");

        TableTalkJar.Result withoutTenant = TableTalkJar.run(
                "",
                "plan",
                "--db",
                url + "?user=postgres",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore(),
                "show customers");
        assertThat(JSON.readTree(withoutTenant.stdout())
                        .get("refusal")
                        .get("code")
                        .asText())
                .isEqualTo("tenant_required");
        assertThat(withoutTenant.exitCode()).as("not allowed").isEqualTo(4);

        TableTalkJar.Result schema = TableTalkJar.run(
                "", "schema", "--db", url + "?user=postgres", "--audit-db", TableTalkJar.memoryAuditStore());
        assertThat(schema.exitCode()).isZero();
        assertThat(schema.stdout()).contains("customers  [read-write]", "Hidden (1):", "api_keys");
    }

    @Test
    void doctorWarnsAboutDeleteRightsAndSuggestsLeastPrivilegeGrants() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run("", "doctor", "--db", url + "?user=" + role, "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("user").asText()).isEqualTo(role);
        assertThat(report.get("tls").asText()).isIn("encrypted", "not_encrypted");
        assertThat(report.get("warnings").toString())
                .contains("may DELETE from public.customers")
                .doesNotContain("superuser");
        assertThat(report.get("grants").toString())
                .contains("GRANT SELECT, INSERT (company_id, name, email, city), UPDATE (name, email, city) "
                        + "ON public.customers TO tabletalk;")
                .doesNotContain("api_keys");

        TableTalkJar.Result superuser = TableTalkJar.run("", "doctor", "--db", url + "?user=postgres");
        assertThat(superuser.exitCode()).isZero();
        assertThat(superuser.stdout())
                .contains("connection:  ok", "superuser", "GRANT USAGE ON SCHEMA public TO tabletalk;");
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }
        return nodes;
    }
}
