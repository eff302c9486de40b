package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #17: a {@code tabletalk serve} process killed (SIGKILL) in the middle of a confirm's write, with a second process
 * sharing its sessions on PostgreSQL. The person, whose answer never came, says "confirm" again on the other server
 * and is told the truth: saved when the commit the killed server had sent went through, not yet known when the
 * write died with its server; and the change is then made exactly once.
 */
class KilledServerConfirmIT {

    private final EditorChat chat = new EditorChat();
    private final DatabaseServer postgres = DatabaseServers.postgres();
    private ShopDatabase shop;
    private String sessions;

    @BeforeEach
    void createDatabases() throws SQLException {
        shop = ShopDatabase.create("tt_app_killed_");
        sessions = postgres.createDatabase("tt_app_killed_sessions");
        try (Connection connection = shop.connect();
                Statement statement = connection.createStatement()) {
            // a commit that takes its time: the killed server's COMMIT is on its way when it dies
            statement.execute("create function tt_slow_commit() returns trigger language plpgsql as $$ begin"
                    + " perform pg_sleep(3); return null; end $$");
            statement.execute("create constraint trigger tt_slow_commit after update on customers"
                    + " deferrable initially deferred for each row when (new.notes = 'slow commit')"
                    + " execute function tt_slow_commit()");
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        shop.close();
        postgres.dropDatabase(sessions);
    }

    @Test
    @Tag("invariant-4")
    void aConfirmWhoseServerIsKilledMidWriteIsAnsweredTruthfullyOnTheOtherServerAndAppliedOnce() throws Exception {
        try (ServedJar other = ServedJar.start(serve("tt-other"), Map.of())) {
            URI b = other.base();

            // killed while its COMMIT runs: the database commits it; the person never hears
            String committing;
            try (ServedJar killed = ServedJar.start(serve("tt-killed"), Map.of())) {
                committing = preview(killed.base(), "set the notes of customer 4 to slow commit");
                CompletableFuture<?> unanswered = confirmQuietly(killed.base(), committing);
                awaitBackend("tt-killed", "query = 'COMMIT' and wait_event = 'PgSleep'");
                killed.kill();
                unanswered.handle((reply, error) -> null).get();
            }
            awaitNoBackend("tt-killed");
            JsonNode saved = chat.say(b, committing, "confirm");

            assertThat(saved.path("refusal").path("code").asText())
                    .as(saved.toString())
                    .isEqualTo("already_confirmed");
            assertThat(saved.path("text").asText())
                    .as(saved.toString())
                    .contains("already confirmed")
                    .contains("The row of customers holds the change: it was saved.");
            assertThat(notes(4)).isEqualTo("slow commit");

            // killed while it waits for a row another transaction holds: its write dies with it
            String waiting;
            try (Connection holder = shop.connect();
                    Statement hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                try (ServedJar killed = ServedJar.start(serve("tt-killed"), Map.of())) {
                    waiting = preview(killed.base(), "set the notes of customer 5 to after the crash");
                    hold.executeQuery("select id from customers where id = 5 for update")
                            .close();
                    CompletableFuture<?> unanswered = confirmQuietly(killed.base(), waiting);
                    awaitBackend("tt-killed", "wait_event_type = 'Lock'");
                    killed.kill();
                    unanswered.handle((reply, error) -> null).get();
                }
                holder.rollback();
            }
            awaitNoBackend("tt-killed");
            JsonNode unknown = chat.say(b, waiting, "confirm");
            JsonNode again = chat.say(b, waiting, "set the notes of customer 5 to after the crash");
            JsonNode done = chat.say(b, waiting, "confirm");

            assertThat(unknown.path("refusal").path("code").asText())
                    .as(unknown.toString())
                    .isEqualTo("already_confirmed");
            assertThat(unknown.path("text").asText())
                    .as(unknown.toString())
                    .contains("still as in the preview right now, but that confirm may still be under way")
                    .doesNotContain(": it was saved.");
            assertThat(again.path("preview").isObject()).as(again.toString()).isTrue();
            assertThat(done.path("refusal").isNull() && done.path("error").isNull())
                    .as(done.toString())
                    .isTrue();
            assertThat(notes(5)).isEqualTo("after the crash");
        }
    }

    /** {@code serve} on the shop, its connections to the shop named {@code application}, sessions shared. */
    private List<String> serve(String application) {
        return new ArrayList<>(List.of(
                "serve",
                "--db",
                shop.userUrl() + "&ApplicationName=" + application,
                "--port",
                "0",
                "--audit-db",
                TableTalkJar.memoryAuditStore(),
                "--session-store",
                postgres.urlWithUser(sessions)));
    }

    /** A new conversation's preview of {@code message}; its session id. */
    private String preview(URI base, String message) throws Exception {
        JsonNode previewed = chat.say(base, null, message);
        assertThat(previewed.path("preview").isObject())
                .as(previewed.toString())
                .isTrue();
        return previewed.path("sessionId").asText();
    }

    private CompletableFuture<?> confirmQuietly(URI base, String session) {
        return CompletableFuture.runAsync(() -> {
            try {
                chat.say(base, session, "confirm");
            } catch (Exception expected) {
                // the server dies before it answers
            }
        });
    }

    private void awaitBackend(String application, String condition) throws Exception {
        await(application, condition, true);
    }

    /** Until the database has no backend of {@code application} left (the killed server's transaction ended). */
    private void awaitNoBackend(String application) throws Exception {
        await(application, "true", false);
    }

    private void await(String application, String condition, boolean present) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try (Connection connection = shop.connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity"
                            + " where application_name = '" + application + "' and " + condition)) {
                rows.next();
                if ((rows.getLong(1) > 0) == present) {
                    return;
                }
            }
            assertThat(Instant.now())
                    .as("a backend of %s where %s: %s", application, condition, present)
                    .isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private String notes(long id) throws SQLException {
        try (Connection connection = shop.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select notes from customers where id = " + id)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
