package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #17: two TableTalk instances ("servers") on one PostgreSQL target and one shared JDBC session store: a
 * conversation moves between them turn by turn, and a preview is executed exactly once wherever it is confirmed.
 */
class SharedSessionsIT {

    private static final UserContext EDITOR = UserContext.of("u-1001", "editor", "101");

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private String target;
    private String sessions;
    private TableTalk serverA;
    private TableTalk serverB;

    @BeforeEach
    void startTwoServers() throws SQLException {
        target = postgres.createDatabase("tt_shared_target");
        sessions = postgres.createDatabase("tt_shared_sessions");
        try (Connection connection = postgres.connect(target)) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
        String audit = "jdbc:h2:mem:audit_" + target + ";DB_CLOSE_DELAY=-1";
        serverA = server(audit);
        serverB = server(audit);
    }

    private TableTalk server(String audit) {
        return TableTalk.builder()
                .targetDatabase(postgres.urlWithUser(target))
                .auditStore(audit)
                .sessionStore(
                        postgres.url(sessions),
                        postgres.user(),
                        postgres.password().isEmpty() ? null : postgres.password())
                .build();
    }

    @AfterEach
    void stopServers() {
        for (TableTalk server : new TableTalk[] {serverA, serverB}) {
            if (server != null) {
                server.close();
            }
        }
        postgres.dropDatabase(target);
        postgres.dropDatabase(sessions);
    }

    private static Reply say(TableTalk server, String session, String message) {
        return server.conversations().handle(ChatRequest.of(session, EDITOR, message));
    }

    @Test
    @Tag("invariant-4")
    void aDraftBegunOnOneServerIsPreviewedOnTheOtherAndConfirmedOnTheFirstOnce() throws SQLException {
        long before = count("select count(*) from customers where name = 'Zoe Quinn'");

        Reply begun = say(serverA, "s-1", "add a customer");
        Reply previewed = say(serverB, "s-1", "Zoe Quinn");
        Reply confirmed = say(serverA, "s-1", "confirm");
        Reply again = say(serverB, "s-1", "confirm");

        assertThat(begun.stage()).as(begun.text()).isEqualTo(Stage.COLLECTING);
        assertThat(previewed.part(ReplyPart.Preview.class)).as(previewed.text()).isPresent();
        assertThat(confirmed.part(ReplyPart.Committed.class))
                .as(confirmed.text())
                .isPresent();
        assertThat(again.part(ReplyPart.Committed.class)).as(again.text()).isEmpty();
        assertThat(again.isRefused()).as(again.text()).isTrue();
        assertThat(count("select count(*) from customers where name = 'Zoe Quinn'"))
                .isEqualTo(before + 1);
    }

    @Test
    @Tag("invariant-4")
    void concurrentConfirmsOfOnePreviewOnBothServersExecuteItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String name : List.of("Ada Racer", "Bea Racer", "Cy Racer", "Di Racer", "Ed Racer")) {
                String session = "race-" + name.substring(0, 2).toLowerCase(Locale.ROOT);
                Reply preview = say(serverA, session, "add a customer named " + name);
                assertThat(preview.part(ReplyPart.Preview.class))
                        .as(preview.text())
                        .isPresent();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Reply>> confirms = new ArrayList<>();
                for (TableTalk server : List.of(serverA, serverB)) {
                    confirms.add(pool.submit(() -> {
                        go.await();
                        return say(server, session, "confirm");
                    }));
                }
                go.countDown();
                List<Reply> replies = new ArrayList<>();
                for (Future<Reply> confirm : confirms) {
                    replies.add(confirm.get(30, TimeUnit.SECONDS));
                }

                assertThat(replies)
                        .filteredOn(r -> r.part(ReplyPart.Committed.class).isPresent())
                        .hasSize(1);
                Reply other = replies.stream()
                        .filter(r -> r.part(ReplyPart.Committed.class).isEmpty())
                        .findFirst()
                        .orElseThrow();
                // told that nothing more was done: the preview was claimed by the other server (or already gone)
                assertThat(other.refusal())
                        .as(other.text())
                        .map(Refusal::code)
                        .hasValueSatisfying(code ->
                                assertThat(code).isIn(RefusalCode.ALREADY_CONFIRMED, RefusalCode.NO_PENDING_PREVIEW));
                assertThat(count("select count(*) from customers where name = '" + name + "'"))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = postgres.connect(target);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
