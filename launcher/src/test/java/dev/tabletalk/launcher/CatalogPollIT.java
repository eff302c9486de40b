package dev.tabletalk.launcher;

import static dev.tabletalk.testkit.fixtures.Conditions.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code catalog.pollInterval} on a PostgreSQL shop of the test's own: a column added by a migration is seen
 * without a reload, and a preview made before a column it writes is dropped is refused at confirm, nothing
 * written.
 */
class CatalogPollIT {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration NOTICED = Duration.ofSeconds(5);

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private final UserContext editor = UserContext.of("u-1001", "editor", "101");
    private String shop;
    private TableTalk tableTalk;

    @BeforeEach
    void start() throws SQLException {
        shop = postgres.createDatabase("tt_poll_shop");
        try (Connection connection = postgres.connect(shop)) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
        tableTalk = TableTalk.builder()
                .targetDatabase(postgres.urlWithUser(shop))
                .auditStore("jdbc:h2:mem:audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .catalogPollInterval(POLL)
                .build();
    }

    @AfterEach
    void stop() {
        tableTalk.close();
        postgres.dropDatabase(shop);
    }

    @Test
    void aColumnAddedByAMigrationIsSeenWithinAPoll() {
        assertThat(hasNickname()).isFalse();

        migrate("alter table customers add column nickname varchar(40)");

        assertThat(within(NOTICED, this::hasNickname)).isTrue();
    }

    @Test
    @Tag("invariant-4")
    void aPreviewMadeBeforeItsColumnWasDroppedIsRefusedAtConfirm() throws SQLException {
        migrate("alter table customers add column nickname varchar(40)");
        assertThat(within(NOTICED, this::hasNickname)).isTrue();
        Reply preview = tableTalk
                .conversations()
                .handle(ChatRequest.newSession(editor, "set the nickname of customer 5 to Bobby"));
        ReplyPart.Preview pending =
                preview.part(ReplyPart.Preview.class).orElseThrow(() -> new AssertionError(preview.text()));

        migrate("alter table customers drop column nickname");
        assertThat(within(NOTICED, () -> !hasNickname())).isTrue();
        Reply confirm =
                tableTalk.conversations().handle(ChatRequest.confirm(preview.sessionId(), editor, pending.previewId()));

        assertThat(confirm.part(ReplyPart.Committed.class)).as(confirm.text()).isEmpty();
        assertThat(confirm.part(ReplyPart.Refused.class)).as(confirm.text()).isPresent();
        assertThat(confirm.text())
                .contains("no field 'nickname'", "changed since the preview", "nothing was changed")
                .doesNotContainIgnoringCase("select")
                .doesNotContain("SQL");
        try (Connection connection = postgres.connect(shop);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from customers where id = 5")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    private void migrate(String ddl) {
        try (Connection connection = postgres.connect(shop);
                Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException(ddl, e);
        }
    }

    private boolean hasNickname() {
        return tableTalk.schema().find("customers").orElseThrow().columns().stream()
                .map(Column::name)
                .anyMatch("nickname"::equals);
    }
}
