package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/** The guarded-executor contract on MariaDB, in a database of its own. */
class JooqGuardedExecutorMariaDbIT extends JooqContractSupport {

    private final String database = uniqueName();
    private HikariDataSource dataSource;

    @Override
    protected FixtureDatabase database() {
        return FixtureDatabase.MARIADB;
    }

    @Override
    protected void createDatabase() throws SQLException {
        DatabaseServer server = DatabaseServers.mariaDb();
        server.execute("create database " + database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.adminUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setCatalog(database);
        config.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(config);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        DatabaseServers.mariaDb().dropDatabase(database);
    }

    @Test
    void transactionsCarryTheStatementAndLockTimeouts() {
        TargetDatabase database = TargetDatabase.open(dataSource, Limits.defaults());

        String sessionSettings = "select @@max_statement_time, @@innodb_lock_wait_timeout, @@tx_read_only";
        Record read = database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> db.fetchSingle(sessionSettings));
        Record write =
                database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> db.fetchSingle(sessionSettings));

        assertThat(new BigDecimal(String.valueOf(read.get(0)))).isEqualByComparingTo("5");
        assertThat(String.valueOf(read.get(1))).isEqualTo("2");
        assertThat(String.valueOf(read.get(2))).isIn("1", "true");
        assertThat(String.valueOf(write.get(2))).isIn("0", "false");
    }

    @Test
    void textComparesCaseInsensitivelyButAccentSensitivelyWhateverTheColumnsCharacterSet() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table charsets (id bigint primary key,"
                    + " latin varchar(40) character set latin1 collate latin1_swedish_ci,"
                    + " legacy varchar(40) character set utf8mb3 collate utf8mb3_unicode_ci,"
                    + " modern varchar(40) character set utf8mb4 collate utf8mb4_unicode_ci)");
            statement.execute("insert into charsets values (1, 'Émile', 'Émile', 'Émile'), (2, 'Emile', 'Emile',"
                    + " 'Emile'), (3, 'Luís', 'Luís', 'Luís')");
        }
        Entity charsets = TextTables.entity(database, "charsets", "latin", "legacy", "modern");
        TargetDatabase target = TargetDatabase.open(dataSource, Limits.defaults());

        for (String column : List.of("latin", "legacy", "modern")) {
            assertThat(TextTables.ids(target, charsets, Filter.eq(column, "ÉMILE")))
                    .as(column)
                    .containsExactly(1L);
            assertThat(TextTables.ids(target, charsets, Filter.eq(column, "emile")))
                    .as(column)
                    .containsExactly(2L);
            assertThat(TextTables.ids(target, charsets, Filter.eq(column, "LUÍS")))
                    .as(column)
                    .containsExactly(3L);
            assertThat(TextTables.ids(target, charsets, Filter.eq(column, "luis")))
                    .as(column)
                    .isEmpty();
            assertThat(TextTables.ids(target, charsets, Filter.of(column, Op.IN, List.of("émile", "LUIS"))))
                    .as(column)
                    .containsExactly(1L);
            assertThat(TextTables.ids(target, charsets, Filter.of(column, Op.NE, "émile")))
                    .as(column)
                    .containsExactly(2L, 3L);
            assertThat(TextTables.ids(target, charsets, Filter.of(column, Op.CONTAINS, "MIL")))
                    .as(column)
                    .containsExactly(1L, 2L);
            assertThat(TextTables.ids(target, charsets, Filter.of(column, Op.STARTS_WITH, "É")))
                    .as(column)
                    .containsExactly(1L);
            assertThat(TextTables.ids(target, charsets, Filter.of(column, Op.CONTAINS, "ÍS")))
                    .as(column)
                    .containsExactly(3L);
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return database;
    }
}
