package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.create;
import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.f;
import static dev.tabletalk.securitytests.Plans.read;
import static dev.tabletalk.securitytests.Plans.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * PUB-097, PUB-098 and PUB-100 on PostgreSQL, MariaDB, SQLite and H2 through the real stack (schema catalog,
 * engine, jOOQ executor): the tenancy of child tables, views and foreign-key values is decided from the schema
 * each database reports. SQLite runs without foreign-key enforcement, so only TableTalk's own check stands
 * between a tenant and a dangling or foreign reference.
 */
@Tag("invariant-7")
class TenancyOnEveryDatabaseIT {

    private static final UserContext EDITOR = UserContext.of("u-1001", "editor", "101");
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    @ParameterizedTest
    @EnumSource(FixtureDatabase.class)
    void childTablesViewsAndReferencesAreScopedToTheCallersTenant(FixtureDatabase database) throws Exception {
        try (Target target = Target.open(database)) {
            ScriptedPlanner planner = new ScriptedPlanner();
            try (TableTalk tableTalk = TableTalk.builder()
                    .targetDatabase(target.dataSource)
                    .auditStore("jdbc:h2:mem:tenancy_audit_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                    .planner(planner)
                    .catalogOptions(target.catalogOptions())
                    .build()) {
                String before = target.state();

                // PUB-097: only the lines of the caller's orders and products; another tenant's line is missing
                List<Object> lines = ids(say(tableTalk, planner, read("order_lines")));
                Refusal theirLine =
                        refusal(say(tableTalk, planner, update("order_lines", Map.of("quantity", 40), eq("id", 4))));
                Refusal noLine =
                        refusal(say(tableTalk, planner, update("order_lines", Map.of("quantity", 40), eq("id", 4444))));
                Reply wide = say(tableTalk, planner, update("order_lines", Map.of("quantity", 40), f("id", Op.GE, 1)));
                List<Object> notes = ids(say(tableTalk, planner, read("line_notes")));
                // PUB-098: a view without the tenant column does not exist for a tenant
                Refusal view = refusal(say(tableTalk, planner, read("customer_names")));
                // PUB-100: another tenant's parent answers like a parent that does not exist, at preview
                Refusal theirOrder =
                        refusal(say(tableTalk, planner, update("order_lines", Map.of("order_id", 900), eq("id", 1))));
                Refusal noOrder =
                        refusal(say(tableTalk, planner, update("order_lines", Map.of("order_id", 90909), eq("id", 1))));
                Refusal newUnderTheirs = refusal(say(
                        tableTalk,
                        planner,
                        create("order_lines", Map.of("id", 70, "order_id", 900, "product_id", 1, "quantity", 1))));
                Refusal newDangling = refusal(say(
                        tableTalk,
                        planner,
                        create("order_lines", Map.of("id", 71, "order_id", 90909, "product_id", 1, "quantity", 1))));

                assertThat(lines).as(database + " lines").containsExactly(1L, 2L, 3L);
                assertThat(theirLine).isEqualTo(noLine);
                assertThat(theirLine.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
                assertThat(wide.part(ReplyPart.Preview.class)
                                .orElseThrow()
                                .preview()
                                .changes())
                        .hasSize(3);
                assertThat(notes).containsExactly(1L);
                assertThat(view.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
                assertThat(theirOrder.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
                assertThat(theirOrder.message().replace("900", "N"))
                        .isEqualTo(noOrder.message().replace("90909", "N"));
                assertThat(newUnderTheirs.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
                assertThat(newDangling.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
                assertThat(target.state()).as("nothing changed on " + database).isEqualTo(before);
            }
        }
    }

    private static Reply say(TableTalk tableTalk, ScriptedPlanner planner, PlannerOutput plan) {
        String message = "turn " + UUID.randomUUID();
        planner.on(message, plan);
        return tableTalk.conversations().handle(ChatRequest.newSession(EDITOR, message));
    }

    private static List<Object> ids(Reply reply) {
        List<Object> ids = new ArrayList<>();
        reply.part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError("no rows in " + reply))
                .rows()
                .rows()
                .forEach(row -> row.forEach((column, value) -> {
                    if (column.equalsIgnoreCase("id")) {
                        ids.add(((Number) value).longValue());
                    }
                }));
        return ids;
    }

    private static Refusal refusal(Reply reply) {
        return reply.refusal().orElseThrow(() -> new AssertionError("no refusal in " + reply));
    }

    /** A fresh database of the fixture shop, dropped on close. */
    private static final class Target implements AutoCloseable {

        private final FixtureDatabase database;
        private final String name =
                "tt_tenancy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        private DataSource dataSource;
        private PooledDataSource pool;
        private Path directory;

        private Target(FixtureDatabase database) {
            this.database = database;
        }

        static Target open(FixtureDatabase database) throws SQLException, IOException {
            Target target = new Target(database);
            target.create();
            return target;
        }

        private void create() throws SQLException, IOException {
            switch (database) {
                case POSTGRES -> {
                    admin(PG_URL, "postgres", "create database " + name);
                    pool = ConnectionSpec.parse(PG_URL.replaceAll("/[^/?]*(\\?.*)?$", "/" + name))
                            .withUser("postgres")
                            .dataSource(2);
                    dataSource = pool;
                }
                case MARIADB -> {
                    admin(mariaDbUrl(), "root", "create database " + name);
                    pool = ConnectionSpec.parse(mariaDbUrl().replaceAll("/[^/?]*(\\?.*)?$", "/" + name))
                            .withUser("root")
                            .dataSource(2);
                    dataSource = pool;
                }
                case SQLITE -> {
                    directory = Files.createTempDirectory(name);
                    SQLiteConfig config = new SQLiteConfig();
                    config.enforceForeignKeys(false);
                    SQLiteDataSource sqlite = new SQLiteDataSource(config);
                    sqlite.setUrl("jdbc:sqlite:" + directory.resolve("shop.db"));
                    dataSource = sqlite;
                }
                case H2 -> {
                    pool = ConnectionSpec.parse("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                            .dataSource(2);
                    dataSource = pool;
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                ShopFixture.create(connection, database);
                ShopFixture.reset(connection);
            }
        }

        CatalogOptions catalogOptions() {
            return switch (database) {
                case POSTGRES -> CatalogOptions.builder().schemas("public").build();
                case MARIADB -> CatalogOptions.builder().schemas(name).build();
                case H2 -> CatalogOptions.builder().schemas("PUBLIC").build();
                case SQLITE -> CatalogOptions.defaults();
            };
        }

        /** Every row of the tables the cases touch, as one string. */
        String state() throws SQLException {
            StringBuilder state = new StringBuilder();
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                for (String sql : List.of(
                        "select id, order_id, product_id, quantity from order_lines order by id",
                        "select id, line_id, note from line_notes order by id",
                        "select id, customer_id, company_id from orders order by id")) {
                    try (ResultSet rows = statement.executeQuery(sql)) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            for (int i = 1; i <= columns; i++) {
                                state.append(rows.getString(i)).append(',');
                            }
                            state.append('\n');
                        }
                    }
                }
            }
            return state.toString();
        }

        private static void admin(String url, String user, String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, user, "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException, IOException {
            if (pool != null) {
                pool.close();
            }
            switch (database) {
                case POSTGRES -> admin(PG_URL, "postgres", "drop database if exists " + name + " with (force)");
                case MARIADB -> admin(mariaDbUrl(), "root", "drop database if exists " + name);
                case SQLITE -> {
                    try (var files = Files.list(directory)) {
                        for (Path file : files.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(directory);
                }
                case H2 -> {}
            }
        }
    }
}
