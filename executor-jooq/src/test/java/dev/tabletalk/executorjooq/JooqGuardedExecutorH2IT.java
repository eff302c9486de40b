package dev.tabletalk.executorjooq;

import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The guarded-executor contract on H2, in an in-memory database of its own. */
class JooqGuardedExecutorH2IT extends JooqContractSupport {

    private JdbcDataSource dataSource;
    private Connection keepAlive;

    @Override
    protected FixtureDatabase database() {
        return FixtureDatabase.H2;
    }

    @Override
    protected void createDatabase() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + uniqueName() + ";DATABASE_TO_LOWER=TRUE");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        keepAlive = dataSource.getConnection();
    }

    @Override
    protected void dropDatabase() throws SQLException {
        if (keepAlive != null) {
            try (Statement statement = keepAlive.createStatement()) {
                statement.execute("shutdown");
            }
            keepAlive.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return "";
    }
}
