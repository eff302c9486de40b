package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.math.BigDecimal;
import java.sql.SQLException;
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

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return database;
    }
}
