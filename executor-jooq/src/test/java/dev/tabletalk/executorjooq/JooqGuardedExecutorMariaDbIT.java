package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/** The guarded-executor contract on MariaDB, in a database of its own. */
class JooqGuardedExecutorMariaDbIT extends JooqContractSupport {

    private static final String URL = System.getenv().getOrDefault("TABLETALK_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test");
    private static final String USER = System.getenv().getOrDefault("TABLETALK_MARIADB_USER", "root");
    private static final String PASSWORD = System.getenv().getOrDefault("TABLETALK_MARIADB_PASSWORD", "");

    private final String database = uniqueName();
    private HikariDataSource dataSource;

    @Override
    protected FixtureDatabase database() {
        return FixtureDatabase.MARIADB;
    }

    @Override
    protected void createDatabase() throws SQLException {
        admin("create database " + database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setCatalog(database);
        config.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(config);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        admin("drop database if exists " + database);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void transactionsCarryTheStatementAndLockTimeouts() {
        TargetDatabase database = TargetDatabase.open(dataSource, Limits.defaults());

        String sessionSettings = "select @@max_statement_time, @@innodb_lock_wait_timeout, @@tx_read_only";
        Record read = database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> db.fetchSingle(sessionSettings));
        Record write = database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> db.fetchSingle(sessionSettings));

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
