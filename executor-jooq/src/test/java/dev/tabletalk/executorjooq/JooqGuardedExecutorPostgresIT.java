package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.fixtures.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The guarded-executor contract on PostgreSQL, in a schema of its own. */
class JooqGuardedExecutorPostgresIT extends JooqContractSupport {

    private final String schema = uniqueName();
    private HikariDataSource dataSource;

    @Override
    protected boolean sortsNullsHigh() {
        return true; // PostgreSQL orders NULL above every value, and paging follows it
    }

    @Override
    protected FixtureDatabase database() {
        return FixtureDatabase.POSTGRES;
    }

    @Override
    protected void createDatabase() throws SQLException {
        admin("create schema " + schema);
        dataSource = pool(schema);
    }

    static HikariDataSource pool(String schema) {
        DatabaseServer server = DatabaseServers.postgres();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.adminUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(6);
        config.addDataSourceProperty("currentSchema", schema);
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        admin("drop schema if exists " + schema + " cascade");
    }

    static void admin(String sql) {
        DatabaseServers.postgres().execute(sql);
    }

    @Test
    void textFoldsInTheDatabasesCollationWhateverTheColumnsCollation() throws SQLException {
        boolean icu = hasIcu();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (icu) {
                statement.execute("create collation " + schema
                        + ".blind (provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
            }
            statement.execute("create table people (id bigint primary key, plain text, code text collate \"C\", "
                    + "blind text collate " + (icu ? schema + ".blind" : "\"C\"") + ")");
            statement.execute("insert into people values (1, 'Émile', 'Émile', 'Émile'), (2, 'Emile', 'Emile', "
                    + "'Emile'), (3, 'Luís', 'Luís', 'Luís')");
        }
        Entity people = TextTables.entity(schema, "people", "plain", "code", "blind");
        TargetDatabase target = TargetDatabase.open(dataSource, Limits.defaults());

        for (String column : List.of("plain", "code", "blind")) {
            assertFoldsCaseButNotAccents(target, people, column);
        }
    }

    @Test
    void aDatabaseWhoseCtypeFoldsOnlyAsciiFoldsWithIcu() throws SQLException {
        Assumptions.assumeTrue(hasIcu(), "the server has no ICU");
        DatabaseServer server = DatabaseServers.postgres();
        String name = uniqueName();
        server.execute("create database " + name + " template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url(name));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource ascii = new HikariDataSource(config)) {
            try (Connection connection = ascii.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create table people (id bigint primary key, plain text)");
                statement.execute("insert into people values (1, 'Émile'), (2, 'Emile'), (3, 'Luís')");
            }
            TargetDatabase target = TargetDatabase.open(ascii, Limits.defaults());

            assertFoldsCaseButNotAccents(target, TextTables.entity("public", "people", "plain"), "plain");
        } finally {
            server.dropDatabase(name);
        }
    }

    private static void assertFoldsCaseButNotAccents(TargetDatabase target, Entity entity, String column) {
        assertThat(TextTables.ids(target, entity, Filter.eq(column, "ÉMILE")))
                .as(column)
                .containsExactly(1L);
        assertThat(TextTables.ids(target, entity, Filter.eq(column, "emile")))
                .as(column)
                .containsExactly(2L);
        assertThat(TextTables.ids(target, entity, Filter.eq(column, "LUÍS")))
                .as(column)
                .containsExactly(3L);
        assertThat(TextTables.ids(target, entity, Filter.eq(column, "luis")))
                .as(column)
                .isEmpty();
        assertThat(TextTables.ids(target, entity, Filter.of(column, Op.IN, List.of("émile", "LUIS"))))
                .as(column)
                .containsExactly(1L);
        assertThat(TextTables.ids(target, entity, Filter.of(column, Op.NE, "émile")))
                .as(column)
                .containsExactly(2L, 3L);
        assertThat(TextTables.ids(target, entity, Filter.of(column, Op.CONTAINS, "ÍS")))
                .as(column)
                .containsExactly(3L);
        assertThat(TextTables.ids(target, entity, Filter.of(column, Op.STARTS_WITH, "é")))
                .as(column)
                .containsExactly(1L);
    }

    private static boolean hasIcu() {
        try (Connection connection = DatabaseServers.postgres().admin();
                Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("select 1 from pg_collation where collname = 'und-x-icu'")) {
            return found.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsRunInAReadOnlyTransactionWithTheStatementTimeoutAndWritesWithTheLockTimeout() {
        TargetDatabase database = TargetDatabase.open(dataSource, Limits.defaults());
        Field<String> readOnly = DSL.function("current_setting", String.class, DSL.inline("transaction_read_only"));
        Field<String> statementTimeout = DSL.function("current_setting", String.class, DSL.inline("statement_timeout"));
        Field<String> lockTimeout = DSL.function("current_setting", String.class, DSL.inline("lock_timeout"));

        Record3<String, String, String> read = database.transaction(
                TargetDatabase.Mode.READ,
                (db, attempt) ->
                        db.select(readOnly, statementTimeout, lockTimeout).fetchOne());
        Record3<String, String, String> write = database.transaction(
                TargetDatabase.Mode.WRITE,
                (db, attempt) ->
                        db.select(readOnly, statementTimeout, lockTimeout).fetchOne());

        assertThat(read.value1()).isEqualTo("on");
        assertThat(read.value2()).isEqualTo("5s");
        assertThat(write.value1()).isEqualTo("off");
        assertThat(write.value2()).isEqualTo("5s");
        assertThat(write.value3()).isEqualTo("2s");
    }

    @Test
    void aReadBlockedLongerThanTheStatementTimeoutIsStoppedWithAFriendlyRefusal() throws Exception {
        GuardedExecutor impatient = executor(catalog(), Limits.defaults().withStatementTimeout(Duration.ofSeconds(1)));
        try (Connection holder = dataSource.getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("lock table customers in access exclusive mode");

            ReadOutcome outcome =
                    impatient.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor());

            holder.rollback();
            assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Refused.class, refused -> {
                assertThat(refused.refusal().code()).isEqualTo(RefusalCode.STATEMENT_TIMEOUT);
                assertThat(refused.refusal().message())
                        .doesNotContainIgnoringCase("cancel")
                        .doesNotContain("57014");
            });
        }
        assertThat(impatient.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor()))
                .isInstanceOf(ReadOutcome.Rows.class);
    }

    @Test
    void aWriteSlowedByATriggerIsStoppedAndRolledBack() throws Exception {
        GuardedExecutor impatient = executor(catalog(), Limits.defaults().withStatementTimeout(Duration.ofSeconds(1)));
        PreviewOutcome.Ready ready = ready(impatient.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "slow"), List.of(Filter.eq("id", 5L))), Users.editor()));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create function slow_down() returns trigger language plpgsql as "
                    + "$$ begin perform pg_sleep(10); return new; end $$");
            statement.execute(
                    "create trigger slow_update before update on customers for each row execute function slow_down()");
            try {
                CommitOutcome outcome = impatient.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN);

                assertThat(outcome)
                        .isInstanceOfSatisfying(
                                CommitOutcome.Refused.class,
                                refused ->
                                        assertThat(refused.refusal().code()).isEqualTo(RefusalCode.STATEMENT_TIMEOUT));
            } finally {
                statement.execute("drop trigger slow_update on customers");
                statement.execute("drop function slow_down()");
            }
        }
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("note 5"));
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return schema;
    }
}
