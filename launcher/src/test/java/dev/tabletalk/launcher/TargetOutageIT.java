package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A target database TableTalk opened from a URL goes away: once a turn has waited the pool's connection timeout for
 * it in vain, the next turns are told at once that the database is unavailable (a server does not hold a request
 * thread per turn for the whole outage), and the first turns after it is back are served.
 */
class TargetOutageIT {

    private final UserContext editor = UserContext.of("u-1001", "editor", "101");

    @Test
    @Tag("invariant-9")
    void whileTheTargetIsDownTurnsAreAnsweredAtOnceAndServedAgainWhenItIsBack() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = server.getPort();
        // the database lives in this JVM (DB_CLOSE_DELAY=-1): stopping the server cuts TableTalk off, not the data
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:tt_outage_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url)) {
            ShopFixture.create(connection, FixtureDatabase.H2);
            ShopFixture.reset(connection);
        }
        try (TableTalk tableTalk = TableTalk.builder()
                .targetDatabase(url)
                .auditStore("jdbc:h2:mem:tt_outage_audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .build()) {
            assertThat(showCustomers(tableTalk).part(ReplyPart.Rows.class)).isPresent();
            server.stop();

            Reply waited = showCustomers(tableTalk);
            assertUnavailable(waited);
            for (int turn = 0; turn < 5; turn++) {
                long asked = System.nanoTime();
                Reply refused = showCustomers(tableTalk);
                assertThat(Duration.ofNanos(System.nanoTime() - asked))
                        .as("answered without waiting for the database again")
                        .isLessThan(Duration.ofSeconds(2));
                assertUnavailable(refused);
            }

            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists")
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Reply served = showCustomers(tableTalk);
            while (served.part(ReplyPart.Rows.class).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                served = showCustomers(tableTalk);
            }
            assertThat(served.part(ReplyPart.Rows.class)).as(served.text()).isPresent();
        } finally {
            server.stop();
        }
    }

    private Reply showCustomers(TableTalk tableTalk) {
        return tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers"));
    }

    private static void assertUnavailable(Reply reply) {
        ReplyPart.Error error = reply.part(ReplyPart.Error.class).orElseThrow(() -> new AssertionError(reply.text()));
        assertThat(error.code()).isEqualTo("database_unavailable");
        assertThat(error.retryable()).isTrue();
        assertThat(reply.text()).doesNotContain("jdbc:", "Hikari", "SQLState", "127.0.0.1");
    }
}
