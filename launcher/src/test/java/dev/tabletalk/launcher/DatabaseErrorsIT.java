package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Truthful answers to database errors, through the real stack (schema catalog, engine, jOOQ executor,
 * audit store): enum columns filter, create and update on every database (PostgreSQL's native enum
 * types included), and a database that answers with an error that is not an outage (an unpopulated
 * materialized view, a missing privilege, any other error) gets its own non-retryable refusal with an
 * error id that the audit log resolves; never "unavailable, retry".
 */
@Tag("invariant-11")
class DatabaseErrorsIT {

    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    private static final String PG_USER = DatabaseServers.postgres().user();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }
    /** The MariaDB server's administrator (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUser() {
        return DatabaseServers.mariaDb().user();
    }

    private static final UserContext EDITOR = UserContext.of("ada", "editor");

    /** The databases, each with its own kind of enum column. */
    enum Db {
        POSTGRES("create type rating as enum ('G', 'PG', 'R')", "rating"),
        MARIADB(null, "enum('G','PG','R')"),
        SQLITE(null, "text check (rating in ('G', 'PG', 'R'))"),
        H2(null, "enum('G','PG','R')");

        final String typeDdl;
        final String ratingType;

        Db(String typeDdl, String ratingType) {
            this.typeDdl = typeDdl;
            this.ratingType = ratingType;
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void enumValuesFilterCreateAndUpdateAndAnInvalidOneGetsTheAllowedValues(Db db) throws Exception {
        try (Target target = Target.create(db)) {
            if (db.typeDdl != null) {
                target.sql(db.typeDdl);
            }
            target.sql("create table films (id integer primary key, title varchar(50) not null, rating " + db.ratingType
                    + " not null)");
            target.sql("insert into films values (1, 'Alpha', 'G'), (2, 'Beta', 'PG'), (3, 'Gamma', 'R')");
            // an index makes the column filterable on SQLite, where a free text column is not
            target.sql("create index films_rating on films (rating)");
            try (Stack stack = target.stack()) {
                assertThat(ids(stack.plan(read(Filter.eq("rating", "PG"))))).containsExactly(2L);
                assertThat(ids(stack.plan(read(Filter.of("rating", Op.NE, "PG")))))
                        .containsExactly(1L, 3L);
                assertThat(ids(stack.plan(read(Filter.of("rating", Op.IN, List.of("G", "R"))))))
                        .containsExactly(1L, 3L);

                // SQLite's integer primary key is the rowid, which the database numbers itself
                Map<String, Object> delta = db == Db.SQLITE
                        ? Map.of("title", "Delta", "rating", "R")
                        : Map.of("id", 4, "title", "Delta", "rating", "R");
                Reply created = stack.confirmed(PlannerOutput.create("films", delta, ScriptedPlanner.TRACE));
                assertThat(created.part(ReplyPart.Committed.class))
                        .as(created.text())
                        .isPresent();
                Reply updated = stack.confirmed(PlannerOutput.update(
                        "films", Map.of("rating", "G"), List.of(Filter.eq("rating", "PG")), ScriptedPlanner.TRACE));
                assertThat(updated.part(ReplyPart.Committed.class))
                        .as(updated.text())
                        .isPresent();
                assertThat(target.strings("select rating from films order by id"))
                        .containsExactly("G", "G", "R", "R");

                Reply invalid = stack.plan(read(Filter.eq("rating", "NC-17")));
                // SQLite's CHECK list is read from its CREATE TABLE statement, like the other databases' catalogs
                assertThat(invalid.refusal())
                        .as(invalid.text())
                        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.INVALID_ENUM_VALUE));
                assertThat(invalid.text()).contains("G, PG, R");
                for (Reply reply : stack.replies) {
                    assertThat(reply.part(ReplyPart.Error.class))
                            .as(reply.text())
                            .isEmpty();
                    assertThat(reply.text()).doesNotContainIgnoringCase("unavailable");
                }
            }
        }
    }

    @Test
    void anUnpopulatedMaterializedViewIsNotPopulatedWithAnErrorIdTheAuditResolves() throws Exception {
        try (Target target = Target.create(Db.POSTGRES)) {
            target.sql("create table sales (id integer primary key, amount integer not null)");
            target.sql("create materialized view sales_summary as select count(*) as n from sales with no data");
            try (Stack stack = target.stack()) {
                Reply reply = stack.plan(read());
                assertHonestFault(stack, reply, RefusalCode.NOT_POPULATED, "SQLState 55000");
            }
        }
    }

    @Test
    void aMissingPrivilegeOnPostgresIsPermissionDenied() throws Exception {
        try (Target target = Target.create(Db.POSTGRES)) {
            String role = target.name + "_reader";
            target.sql("create table sales (id integer primary key, amount integer not null)");
            target.sql("create table sales_summary (id integer primary key, n integer not null)");
            target.sql("create role " + role + " login");
            target.sql("grant usage on schema " + target.name + " to " + role);
            target.sql("grant select on sales, sales_summary to " + role);
            try (Stack stack = target.stackAs(role)) {
                // the privilege is taken away after the catalog was read, as an administrator might
                target.sql("revoke select on sales_summary from " + role);
                Reply reply = stack.plan(read());
                assertHonestFault(stack, reply, RefusalCode.PERMISSION_DENIED, "SQLState 42501");
            } finally {
                target.sql("drop owned by " + role);
                target.sql("drop role " + role);
            }
        }
    }

    @Test
    void aMissingPrivilegeOnMariaDbIsPermissionDenied() throws Exception {
        try (Target target = Target.create(Db.MARIADB)) {
            String user = target.name + "_r";
            target.sql("create table sales (id integer primary key, amount integer not null)");
            target.sql("create table sales_summary (id integer primary key, n integer not null)");
            target.sql("create user '" + user + "'@'%'");
            try {
                target.sql("grant select on " + target.name + ".sales to '" + user + "'@'%'");
                target.sql("grant select on " + target.name + ".sales_summary to '" + user + "'@'%'");
                try (Stack stack = target.stackAs(user)) {
                    target.sql("revoke select on " + target.name + ".sales_summary from '" + user + "'@'%'");
                    Reply reply = stack.plan(read());
                    assertHonestFault(stack, reply, RefusalCode.PERMISSION_DENIED, "vendor code 1142");
                }
            } finally {
                target.sql("drop user '" + user + "'@'%'");
            }
        }
    }

    @Test
    void anyOtherErrorOfADatabaseThatAnsweredIsADatabaseErrorNotAnOutage() throws Exception {
        try (Target target = Target.create(Db.POSTGRES)) {
            target.sql("create table sales (id integer primary key, amount integer not null)");
            target.sql("insert into sales values (1, 0)");
            target.sql("create view sales_summary as select id, 100 / amount as n from sales");
            try (Stack stack = target.stack()) {
                Reply reply = stack.plan(read());
                assertHonestFault(stack, reply, RefusalCode.DATABASE_ERROR, "SQLState 22012");
            }
        }
    }

    /** The refusal, not retryable, an error id in the text and the audit entry, the error class only in the audit. */
    private static void assertHonestFault(Stack stack, Reply reply, RefusalCode code, String errorClass) {
        assertThat(reply.refusal())
                .as(reply.text())
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
        ReplyPart.Error error = reply.part(ReplyPart.Error.class).orElseThrow(() -> new AssertionError(reply));
        assertThat(error.code()).isEqualTo(code.wireName());
        assertThat(error.retryable()).isFalse();
        assertThat(reply.text())
                .contains(error.errorId())
                .doesNotContainIgnoringCase("unavailable")
                .doesNotContain("SQLState", "ERROR:", "Exception", "select", "sales_summary\"", "denied for");
        List<AuditStore.Turn> turns = stack.audit().turnsWithErrorId(error.errorId());
        assertThat(turns).hasSize(1);
        AuditStore.Turn turn = turns.get(0);
        assertThat(turn.sessionId()).isEqualTo(reply.sessionId());
        assertThat(turn.outcome()).isEqualTo("error");
        assertThat(turn.refusalCode()).contains(code.wireName());
        assertThat(turn.error())
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith("[error " + error.errorId() + "]")
                        .contains(errorClass)
                        .doesNotContain("ERROR:", "select", "permission denied for", "has not been populated"));
    }

    private static PlannerOutput read(Filter... filters) {
        return PlannerOutput.read(
                filters.length == 0 ? "sales_summary" : "films", List.of(filters), ScriptedPlanner.TRACE);
    }

    private static List<Long> ids(Reply reply) {
        ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply.text()));
        return rows.rows().rows().stream()
                .map(row -> ((Number) row.get("id")).longValue())
                .toList();
    }

    /** A database (or schema) of one test, dropped at the end. */
    private static final class Target implements AutoCloseable {
        final Db db;
        final String name =
                "tt_dberr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        final String url;
        private final Path directory;

        private Target(Db db, String url, Path directory) {
            this.db = db;
            this.url = url;
            this.directory = directory;
        }

        static Target create(Db db) throws Exception {
            Target target = switch (db) {
                case POSTGRES -> new Target(db, PG_URL, null);
                case MARIADB -> new Target(db, mariaDbUrl(), null);
                case SQLITE -> {
                    Path directory = Files.createTempDirectory("tt_dberr");
                    yield new Target(db, "jdbc:sqlite:" + directory.resolve("films.db"), directory);
                }
                case H2 -> new Target(db, null, null);
            };
            switch (db) {
                case POSTGRES -> target.admin("create schema " + target.name);
                case MARIADB -> target.admin("create database " + target.name);
                default -> {}
            }
            return target;
        }

        String jdbcUrl() {
            return switch (db) {
                case POSTGRES -> PG_URL + "?currentSchema=" + name;
                case MARIADB -> mariaDbUrl().substring(0, mariaDbUrl().lastIndexOf('/') + 1) + name;
                case SQLITE -> url;
                case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
            };
        }

        String adminUser() {
            return switch (db) {
                case POSTGRES -> PG_USER;
                case MARIADB -> mariaDbUser();
                default -> "sa";
            };
        }

        Connection connect(String user) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, "");
        }

        void sql(String statement) throws SQLException {
            try (Connection c = connect(adminUser());
                    Statement s = c.createStatement()) {
                s.execute(statement);
            }
        }

        List<String> strings(String query) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Connection c = connect(adminUser());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery(query)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }

        private void admin(String statement) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, adminUser(), "");
                    Statement s = c.createStatement()) {
                s.execute(statement);
            }
        }

        Stack stack() {
            return stackAs(adminUser());
        }

        Stack stackAs(String user) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setUsername(user);
            config.setPassword("");
            config.setMaximumPoolSize(2);
            return new Stack(new HikariDataSource(config), db == Db.POSTGRES || db == Db.MARIADB ? name : null);
        }

        @Override
        public void close() throws SQLException, IOException {
            switch (db) {
                case POSTGRES -> admin("drop schema if exists " + name + " cascade");
                case MARIADB -> admin("drop database if exists " + name);
                case H2 -> sql("shutdown");
                case SQLITE -> {
                    try (var files = Files.list(directory)) {
                        for (Path file : files.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(directory);
                }
            }
        }
    }

    /** The real stack on one target, driven by a scripted planner, with an in-memory audit store. */
    private static final class Stack implements AutoCloseable {
        final HikariDataSource pool;
        final ScriptedPlanner planner = new ScriptedPlanner();
        final String auditUrl = "jdbc:h2:mem:audit_dberr_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        final TableTalk tableTalk;
        final List<Reply> replies = new ArrayList<>();
        private final Map<String, PlannerOutput> scripted = new ConcurrentHashMap<>();
        private AuditStore audit;
        private int turns;

        Stack(HikariDataSource pool, String schema) {
            this.pool = pool;
            planner.otherwise(
                    request -> scripted.getOrDefault(request.message(), PlannerOutput.unknown(ScriptedPlanner.TRACE)));
            CatalogOptions.Builder options = CatalogOptions.builder();
            if (schema != null) {
                options.schemas(schema);
            }
            this.tableTalk = TableTalk.builder()
                    .targetDatabase(pool)
                    .auditStore(auditUrl)
                    .planner(planner)
                    .catalogOptions(options.build())
                    .build();
        }

        Reply plan(PlannerOutput output) {
            String message = "turn " + (++turns);
            scripted.put(message, output);
            Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR, message));
            replies.add(reply);
            return reply;
        }

        /** A write planned, previewed and confirmed. */
        Reply confirmed(PlannerOutput output) {
            Reply preview = plan(output);
            String previewId = preview.part(ReplyPart.Preview.class)
                    .orElseThrow(() -> new AssertionError("no preview: " + preview.text()))
                    .previewId();
            Reply reply = tableTalk.conversations().handle(ChatRequest.confirm(preview.sessionId(), EDITOR, previewId));
            replies.add(reply);
            return reply;
        }

        AuditStore audit() {
            if (audit == null) {
                audit = AuditStore.open(auditUrl);
            }
            return audit;
        }

        @Override
        public void close() {
            try {
                tableTalk.close();
            } finally {
                if (audit != null) {
                    audit.close();
                }
                pool.close();
            }
        }
    }
}
