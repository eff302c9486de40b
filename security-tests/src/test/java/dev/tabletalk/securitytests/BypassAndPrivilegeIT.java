package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.fields;
import static dev.tabletalk.securitytests.Plans.update;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.executorjooq.JooqGuardedExecutor;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Defences below the validator: what the database itself refuses when a check above it is
 * bypassed (PUB-095, PUB-096), and the preview's time-to-live (PUB-071).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BypassAndPrivilegeIT {

    private SecureShop shop;
    private String role;

    @BeforeAll
    void start() {
        // the default preview lifetime: PUB-071 reaches the expiry by moving the shop's clock, not by waiting
        shop = SecureShop.start("priv", Limits.defaults());
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        role = "tt_agent_" + HexFormat.of().formatHex(bytes);
        // the least-privilege role of docs/security.md
        shop.harnessSql(
                "create role " + role + " login",
                "alter role " + role + " set statement_timeout = '5s'",
                "alter role " + role + " set lock_timeout = '2s'",
                "alter role " + role + " set idle_in_transaction_session_timeout = '30s'",
                "revoke all on database " + shop.targetDb + " from public",
                "grant connect on database " + shop.targetDb + " to " + role,
                "grant usage on schema public to " + role,
                "grant select (id, company_id, name, email, phone, status, credit_limit, notes, created_at, version), "
                        + "insert (name, email, phone, status, credit_limit, notes, company_id), "
                        + "update (name, email, phone, status, credit_limit, notes, version) on customers to " + role,
                "grant select, insert, update on orders, products to " + role,
                "grant usage on all sequences in schema public to " + role);
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            try {
                shop.harnessSql("drop owned by " + role, "drop role " + role);
            } finally {
                shop.close();
            }
        }
    }

    private Connection asAgent() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("ApplicationName", SecureShop.HARNESS);
        return DriverManager.getConnection(PgServer.url(shop.targetDb), properties);
    }

    @Test
    @Tag("invariant-1")
    @Tag("invariant-6")
    void pub095_theLeastPrivilegeRoleCannotDeleteTruncateAlterOrReadHiddenTables() throws SQLException {
        String before = shop.checksum();
        try (Connection agent = asAgent();
                Statement s = agent.createStatement()) {
            for (String sql : List.of(
                    "DELETE FROM customers WHERE id = 5",
                    "TRUNCATE customers",
                    "SELECT * FROM users_auth",
                    "SELECT * FROM api_tokens",
                    "SELECT * FROM app_secrets",
                    "SELECT password_hash FROM customers",
                    "DROP TABLE orders",
                    "ALTER TABLE customers ADD COLUMN x int",
                    "CREATE TABLE evil (id int)",
                    "GRANT SELECT ON users_auth TO PUBLIC",
                    "UPDATE users_auth SET password_hash = 'x'")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as("%s", sql)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).as(sql).isIn("42501", "42P01"));
            }
            // and what the role may do, it can do
            try (var rows = s.executeQuery("select count(*) from customers where company_id = 101")) {
                rows.next();
                assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(250);
            }
        }
        assertThat(shop.checksum()).isEqualTo(before);
    }

    @Test
    @Tag("invariant-1")
    void theStackWorksThroughTheLeastPrivilegeRole() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(PgServer.url(shop.targetDb));
        pool.setUsername(role);
        pool.setMaximumPoolSize(2);
        ScriptedPlanner planner = new ScriptedPlanner();
        try (pool;
                TableTalk agent = TableTalk.builder()
                        .targetDatabase(pool)
                        .auditLog(shop.audit)
                        .planner(planner)
                        .catalogOptions(CatalogOptions.builder()
                                .schemas("public")
                                .maskedColumns(List.of("email", "phone"))
                                .build())
                        .build()) {
            // password_hash is not even visible to the role: the catalog cannot expose it
            assertThat(agent.catalogView().schemaFor(EDITOR).entities())
                    .extracting(e -> e.name())
                    .doesNotContain("users_auth", "api_tokens", "app_secrets");
            planner.on("read", Plans.read("customers", eq("id", 7)));
            Reply read = agent.conversations().handle(ChatRequest.newSession(EDITOR, "read"));
            assertThat(read.part(ReplyPart.Rows.class)
                            .orElseThrow(() -> new AssertionError(read))
                            .rows()
                            .size())
                    .isEqualTo(1);
            planner.on("update", update("customers", fields("notes", "via agent role"), eq("id", 7)));
            Reply preview = agent.conversations().handle(ChatRequest.newSession(EDITOR, "update"));
            Reply done = agent.conversations()
                    .handle(ChatRequest.confirm(preview.sessionId(), EDITOR, SecureShop.previewId(preview)));
            SecureShop.assertCommitted(done, Intent.UPDATE, 1);
        }
        assertThat(shop.forbiddenStatements()).isEmpty();
    }

    @Test
    void pub096_aDatabaseConstraintViolationReachesThePersonAsAGenericMessage() {
        // a catalog that does not know stock >= 0: the validator lets -1 through, the CHECK catches it
        StaticSchemaCatalog catalog = new StaticSchemaCatalog(ShopFixture.catalog(
                "public",
                FixtureDatabase.POSTGRES,
                e -> e.name().equals("products") ? ShopFixture.withColumn(e, "stock", b -> b.range(null)) : e));
        ScriptedPlanner planner = new ScriptedPlanner();
        ConversationEngine engine = ConversationEngine.builder()
                .schemaCatalog(catalog)
                .planner(planner)
                .executor(JooqGuardedExecutor.create(shop.targetPool, catalog, ExecutorConfig.defaults()))
                .auditLog(shop.audit)
                .build();
        planner.on("bypass", update("products", fields("stock", -1), eq("id", 7)));
        CaseRun run = new CaseRun(shop);
        Reply preview = run.external(engine.handle(ChatRequest.newSession(EDITOR, "bypass")));
        Reply confirm = run.external(
                engine.handle(ChatRequest.confirm(preview.sessionId(), EDITOR, SecureShop.previewId(preview))));
        assertThat(confirm.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(confirm.refusal().orElseThrow().code()).isEqualTo(RefusalCode.CHECK_VIOLATION);
        for (String leak : List.of(
                "products_stock_check",
                "stock >= 0",
                "23514",
                "violates",
                "ERROR",
                "SQL",
                "org.postgresql",
                "127.0.0.1",
                "at dev.")) {
            assertThat(CaseRun.render(confirm)).doesNotContain(leak);
        }
        run.assertGlobal();
        assertThat(shop.queryString("select stock from products where id = 7")).isEqualTo("10");
    }

    @Test
    @Tag("invariant-4")
    void pub071_anExpiredPreviewWritesNothingAndMustBePreviewedAgain() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("customers", fields("notes", "expired PUB-071"), eq("id", 9)));
        // past the preview's expiry on the engine's clock, without waiting for it
        shop.clock.advance(shop.limits.previewTtl().plusSeconds(1));
        Reply late = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
        assertThat(late.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(late.text()).containsIgnoringCase("expired");
        assertThat(SecureShop.previewId(late)).isNotEqualTo(SecureShop.previewId(preview));
        run.assertGlobal();
        assertThat(shop.audit.queries().entry(shop.auditCount()).orElseThrow().refusalCode())
                .contains("preview_expired");
        // the old id stays dead even after the fresh preview exists
        Reply old = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
        assertThat(old.part(ReplyPart.Committed.class)).isEmpty();
        run.assertGlobal();
        assertThat(shop.queryLong("select count(*) from customers where notes = 'expired PUB-071'"))
                .isZero();
        assertThat(old.refusal())
                .as("the expired id is refused, not silently ignored")
                .map(r -> r.code())
                .contains(RefusalCode.PREVIEW_NOT_FOUND);
    }

    @Test
    void pub087_aReadAboveTheCostGateIsRefusedBeforeItRuns() {
        StaticSchemaCatalog catalog = new StaticSchemaCatalog(ShopFixture.catalog("public", FixtureDatabase.POSTGRES));
        ScriptedPlanner planner = new ScriptedPlanner();
        ConversationEngine engine = ConversationEngine.builder()
                .schemaCatalog(catalog)
                .planner(planner)
                .executor(JooqGuardedExecutor.create(
                        shop.targetPool, catalog, ExecutorConfig.defaults().withMaxQueryCost(1.0)))
                .auditLog(shop.audit)
                .build();
        planner.on("expensive", Plans.read("customers", Plans.f("name", Op.CONTAINS, "pend")));
        CaseRun run = new CaseRun(shop);
        Reply reply = run.external(engine.handle(ChatRequest.newSession(EDITOR, "expensive")));
        assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(reply.refusal().orElseThrow(() -> new AssertionError(reply)).code())
                .isEqualTo(RefusalCode.COST_TOO_HIGH);
        run.assertGlobal();
    }
}
