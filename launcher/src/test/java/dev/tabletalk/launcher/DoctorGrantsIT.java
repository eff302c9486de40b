package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor}'s suggested grants are column-level where a table has hidden columns, INSERT and
 * UPDATE only on the columns TableTalk writes, and they are enough: applied to a fresh role, the
 * hidden column and the tenant column are out of the role's reach while the whole stack reads,
 * creates and updates through it. On PostgreSQL and MariaDB (the embedded databases have no grants).
 */
@Tag("invariant-6")
class DoctorGrantsIT {

    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    private static final UserContext EDITOR = UserContext.of("u-1", "editor", "1");

    private final String suffix =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    private final String database = "tt_doctor_" + suffix;
    private final String role = "tt_doctor_role_" + suffix;
    private final String password = "pw-" + suffix;

    @Test
    void postgresGrantsAreColumnLevelWhereColumnsAreHiddenAndSufficeForTheStack() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        String url = on(PG_URL, database);
        try {
            try (Connection owner = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = owner.createStatement()) {
                createSchema(statement, "serial", "text");
            }
            List<String> grants = Doctor.check(url + "?user=postgres").grants();

            assertThat(grants)
                    .contains(
                            "GRANT SELECT (id, company_id, name, email, created_at), INSERT (company_id, name, email), "
                                    + "UPDATE (name, email) ON public.customers TO tabletalk;",
                            "GRANT SELECT, INSERT (company_id, name, price), UPDATE (name, price) ON public.products "
                                    + "TO tabletalk;",
                            "GRANT SELECT ON public.customer_names TO tabletalk;");
            assertThat(String.join("\n", grants)).doesNotContain("password_hash", "api_keys");

            try (Connection owner = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = owner.createStatement()) {
                for (String grant : grants) {
                    statement.execute(grant.replace("tabletalk", role)
                            .replace("<choose a password>", password)
                            .replace(";", ""));
                }
            }
            try (Connection asRole = DriverManager.getConnection(url, role, password)) {
                assertOutOfReach(asRole);
            }
            ConnectionSpec spec = ConnectionSpec.parse(url).withUser(role).withPassword(password);
            try (PooledDataSource pool = spec.dataSource(2)) {
                runTheStackThrough(pool);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
                statement.execute("drop role if exists " + role);
            }
        }
    }

    @Test
    void mariaDbGrantsAreColumnLevelWhereColumnsAreHiddenAndSufficeForTheStack() throws SQLException {
        try (Connection admin = DriverManager.getConnection(mariaDbUrl(), "root", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        String url = on(mariaDbUrl(), database);
        try {
            try (Connection owner = DriverManager.getConnection(url, "root", "");
                    Statement statement = owner.createStatement()) {
                createSchema(statement, "int auto_increment", "varchar(200)");
            }
            List<String> grants = Doctor.check(url + "?user=root").grants();

            String db = "`" + database + "`";
            assertThat(grants)
                    .contains(
                            "GRANT SELECT (`id`, `company_id`, `name`, `email`, `created_at`), INSERT (`id`, `company_id`, "
                                    + "`name`, `email`), UPDATE (`name`, `email`) ON " + db
                                    + ".`customers` TO 'tabletalk'@'%';",
                            "GRANT SELECT, INSERT (`id`, `company_id`, `name`, `price`), UPDATE (`name`, `price`) ON "
                                    + db + ".`products` TO 'tabletalk'@'%';",
                            "GRANT SELECT ON " + db + ".`customer_names` TO 'tabletalk'@'%';");
            assertThat(String.join("\n", grants)).doesNotContain("password_hash", "api_keys");

            try (Connection owner = DriverManager.getConnection(url, "root", "");
                    Statement statement = owner.createStatement()) {
                for (String grant : grants) {
                    statement.execute(grant.replace("'tabletalk'", "'" + role + "'")
                            .replace("<choose a password>", password)
                            .replace(";", ""));
                }
            }
            try (Connection asRole = DriverManager.getConnection(url, role, password)) {
                assertOutOfReach(asRole);
            }
            ConnectionSpec spec = ConnectionSpec.parse(url).withUser(role).withPassword(password);
            try (PooledDataSource pool = spec.dataSource(2)) {
                runTheStackThrough(pool);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(mariaDbUrl(), "root", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database);
                statement.execute("drop user if exists '" + role + "'@'%'");
            }
        }
    }

    private static void createSchema(Statement statement, String serial, String text) throws SQLException {
        statement.execute("create table customers (id " + serial + " primary key, company_id int not null, "
                + "name " + text + " not null, email " + text + ", password_hash " + text + ", "
                + "created_at timestamp default current_timestamp)");
        statement.execute("create table products (id " + serial + " primary key, company_id int not null, " + "name "
                + text + " not null, price decimal(10,2))");
        statement.execute("create table api_keys (id int primary key, secret " + text + ")");
        statement.execute("create view customer_names as select id, company_id, name from customers");
        statement.execute("insert into customers (company_id, name, email, password_hash) values "
                + "(1, 'Ada', 'ada@example.org', 'HASH-1'), (2, 'Bob', 'bob@example.org', 'HASH-2')");
    }

    /** The hidden column, the tenant column, the key and the secret table are refused by the database itself. */
    private static void assertOutOfReach(Connection asRole) throws SQLException {
        try (Statement statement = asRole.createStatement()) {
            statement.executeQuery("select id, name, email from customers").close();
            for (String sql : List.of(
                    "select password_hash from customers",
                    "select * from customers",
                    "update customers set company_id = 2 where id = 1",
                    "update customers set password_hash = 'x' where id = 1",
                    "update customers set id = 99 where id = 1",
                    "update customers set created_at = null where id = 1",
                    "insert into customers (name, password_hash, company_id) values ('x', 'y', 1)",
                    "select * from api_keys",
                    "delete from customers where id = 1")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
    }

    private static void runTheStackThrough(PooledDataSource pool) {
        ScriptedPlanner planner = new ScriptedPlanner()
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on(
                        "add Cy",
                        PlannerOutput.create(
                                "customers", Map.of("name", "Cy", "email", "cy@example.org"), ScriptedPlanner.TRACE))
                .on(
                        "rename 1",
                        PlannerOutput.update(
                                "customers",
                                Map.of("name", "Ada L."),
                                List.of(new Filter("id", Op.EQ, 1)),
                                ScriptedPlanner.TRACE));
        try (TableTalk tableTalk = TableTalk.builder()
                .targetDatabase(pool)
                .auditStore("jdbc:h2:mem:doctor_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .planner(planner)
                .build()) {
            Reply read = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR, "show customers"));
            assertThat(read.part(ReplyPart.Rows.class)).as(read.text()).isPresent();
            assertThat(read.part(ReplyPart.Rows.class).get().rows().rows()).hasSize(1);
            for (String message : List.of("add Cy", "rename 1")) {
                Reply preview = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR, message));
                String previewId = preview.part(ReplyPart.Preview.class)
                        .orElseThrow(() -> new AssertionError("no preview: " + preview))
                        .previewId();
                Reply done =
                        tableTalk.conversations().handle(ChatRequest.confirm(preview.sessionId(), EDITOR, previewId));
                assertThat(done.part(ReplyPart.Committed.class))
                        .as(message + ": " + done.text())
                        .isPresent();
            }
        }
    }

    private static String on(String base, String database) {
        return base.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }
}
