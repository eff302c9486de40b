package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

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

    @Test
    void readsRunInAReadOnlyTransactionWithTheStatementTimeoutAndWritesWithTheLockTimeout() {
        TargetDatabase database = TargetDatabase.open(dataSource, Limits.defaults());
        Field<String> readOnly = DSL.function("current_setting", String.class, DSL.inline("transaction_read_only"));
        Field<String> statementTimeout = DSL.function("current_setting", String.class, DSL.inline("statement_timeout"));
        Field<String> lockTimeout = DSL.function("current_setting", String.class, DSL.inline("lock_timeout"));

        Record3<String, String, String> read = database.transaction(TargetDatabase.Mode.READ,
                (db, attempt) -> db.select(readOnly, statementTimeout, lockTimeout).fetchOne());
        Record3<String, String, String> write = database.transaction(TargetDatabase.Mode.WRITE,
                (db, attempt) -> db.select(readOnly, statementTimeout, lockTimeout).fetchOne());

        assertThat(read.value1()).isEqualTo("on");
        assertThat(read.value2()).isEqualTo("5s");
        assertThat(write.value1()).isEqualTo("off");
        assertThat(write.value2()).isEqualTo("5s");
        assertThat(write.value3()).isEqualTo("2s");
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
