package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An embedder's own pool for the executor: used, and left read-only by default; the shared one is untouched. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorOwnPoolIT {

    private static final String BASE_URL = DatabaseServers.postgres().adminUrl();

    private final String database =
            "tt_launcher_pool_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    void createShop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "")) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
    }

    @AfterAll
    void dropShop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void theExecutorsOwnPoolServesReadsAndTheSharedOneKeepsNoSessionState() throws SQLException {
        ConnectionSpec spec = ConnectionSpec.parse(url()).withUser("postgres");
        try (PooledDataSource shared = spec.dataSource(1);
                PooledDataSource own = spec.dataSource(1);
                TableTalk tableTalk = TableTalk.builder()
                        .targetDatabase(shared, own)
                        .auditStore("jdbc:h2:mem:audit_pool_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                        .build()) {
            UserContext editor = UserContext.of("u-1001", "editor", "101");
            Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers"));
            assertThat(reply.part(ReplyPart.Rows.class)).as(reply.text()).isPresent();

            assertThat(setting(own, "default_transaction_read_only")).isEqualTo("on");
            assertThat(setting(shared, "default_transaction_read_only")).isEqualTo("off");
        }
    }

    @Test
    void oneDataSourceCannotBeBothTheSharedAndTheExecutorsOwn() {
        try (PooledDataSource one = ConnectionSpec.parse(url()).dataSource(1)) {
            assertThatThrownBy(() -> TableTalk.builder().targetDatabase(one, one))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("different data source");
        }
    }

    private static String setting(DataSource dataSource, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private String url() {
        int slash = BASE_URL.lastIndexOf('/');
        return BASE_URL.substring(0, slash + 1) + database;
    }
}
