package dev.tabletalk.executorjooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

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

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return database;
    }
}
