package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code tabletalk chat} and {@code doctor} as a process against a MariaDB database of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    private String database;
    private String url;
    private String user;
    private final String password =
            "pw-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    @BeforeAll
    void createDatabase() throws SQLException {
        database = "tt_app_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection admin = DriverManager.getConnection(mariaDbUrl(), "root", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        url = mariaDbUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try (Connection connection = DriverManager.getConnection(url, "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table products (id int auto_increment primary key, company_id int not null, "
                    + "name varchar(100) not null, price decimal(10,2) not null)");
            statement.execute("insert into products (company_id, name, price) values "
                    + "(1, 'Road bike', 1299.00), (2, 'Espresso machine', 449.00), (1, 'Bike lock', 24.50)");
            user = database + "_u";
            statement.execute("create user '" + user + "'@'%' identified by '" + password + "'");
            statement.execute("grant select, insert, update on " + database + ".* to '" + user + "'@'%'");
        }
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(mariaDbUrl(), "root", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database);
            statement.execute("drop user if exists '" + user + "'@'%'");
        }
    }

    @Test
    void chatReadsAndUpdatesWithConfirmOnMariaDb() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run(
                "show products\nset the price of product 3 to 19.90\nconfirm\nshow product 3\n",
                "chat",
                "--db",
                url + "?user=root",
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
        List<JsonNode> replies = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            replies.add(JSON.readTree(line));
        }
        assertThat(replies.get(0).get("rows")).hasSize(2);
        assertThat(replies.get(1)
                        .get("preview")
                        .get("changes")
                        .get(0)
                        .get("before")
                        .get("price")
                        .decimalValue())
                .isEqualByComparingTo("24.50");
        assertThat(replies.get(3).get("rows").get(0).get("price").decimalValue())
                .isEqualByComparingTo("19.90");
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndALeastPrivilegeUserGetsNoWarnings() throws IOException {
        TableTalkJar.Result chat = TableTalkJar.run(
                "show products\n",
                Map.of("TABLETALK_DB_PASSWORD", password),
                "chat",
                "--db",
                url + "?user=" + user,
                "--tenant",
                "1",
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());
        assertThat(chat.exitCode()).isZero();
        assertThat(JSON.readTree(chat.stdoutLines().get(0)).get("rows")).hasSize(2);

        TableTalkJar.Result doctor = TableTalkJar.run(
                "", Map.of("TABLETALK_DB_PASSWORD", password), "doctor", "--db", url + "?user=" + user);
        assertThat(doctor.exitCode()).isZero();
        assertThat(doctor.stdout())
                .contains("privileges:  no more than TableTalk needs")
                .doesNotContain(password);

        TableTalkJar.Result wrong = TableTalkJar.run(
                "show products\n",
                Map.of("TABLETALK_DB_PASSWORD", "nope"),
                "chat",
                "--db",
                url + "?user=" + user,
                "--tenant",
                "1",
                "--audit-db",
                TableTalkJar.memoryAuditStore());
        assertThat(wrong.exitCode()).as("bad credentials are a setting to fix").isEqualTo(2);
        assertThat(wrong.stderr().lines()).hasSize(1);
        assertThat(wrong.stderr()).contains("target database").doesNotContain("nope");
    }

    @Test
    void doctorWarnsAboutAllPrivilegesAndSuggestsGrants() throws IOException {
        TableTalkJar.Result result = TableTalkJar.run("", "doctor", "--db", url + "?user=root", "--json");

        assertThat(result.exitCode()).isZero();
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("warnings").toString()).contains("ALL PRIVILEGES");
        assertThat(report.get("grants").toString())
                .contains("GRANT SELECT, INSERT (`id`, `company_id`, `name`, `price`), UPDATE (`name`, `price`) ON `"
                        + database + "`.`products` TO 'tabletalk'@'%';");
    }
}
