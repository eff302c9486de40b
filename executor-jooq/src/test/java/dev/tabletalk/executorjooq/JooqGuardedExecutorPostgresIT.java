package dev.tabletalk.executorjooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The guarded-executor contract on PostgreSQL, in a schema of its own. */
class JooqGuardedExecutorPostgresIT extends JooqContractSupport {

    static final String URL = System.getenv().getOrDefault("TABLETALK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("TABLETALK_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("TABLETALK_PG_PASSWORD", "");

    private final String schema = uniqueName();
    private HikariDataSource dataSource;

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
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
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

    static void admin(String sql) throws SQLException {
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
        return schema;
    }
}
