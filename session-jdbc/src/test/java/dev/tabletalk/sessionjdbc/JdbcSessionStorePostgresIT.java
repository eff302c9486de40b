package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.SaveOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC session store on PostgreSQL, each test in a fresh schema. */
class JdbcSessionStorePostgresIT extends AbstractJdbcSessionStoreIT {

    @Override
    TestStore newDatabase() {
        return TestStore.postgres();
    }

    /** On PostgreSQL the insert, replacing an idle-expired session of the id, and the cap are one statement. */
    @Override
    List<String> statementsOfANewConversation() {
        return List.of("SELECT", "WITH");
    }

    /** Room on each page for a session's next version, so that a save within the touch lag is a heap-only update. */
    @Test
    void theSessionTableKeepsRoomOnEachPageForInPlaceUpdates() throws Exception {
        assertThat(database.count("SELECT COUNT(*) FROM pg_class WHERE oid = to_regclass('" + SessionSchema.TABLE
                        + "') AND 'fillfactor=" + SessionSchema.FILL_FACTOR + "' = ANY (reloptions)"))
                .isEqualTo(1);
        assertThat(database.count("SELECT MAX(version) FROM " + SessionSchema.VERSION_TABLE))
                .isEqualTo(SessionSchema.CURRENT_VERSION);
    }

    /**
     * After the store's connections are ended (a restart, an operator's {@code pg_terminate_backend}), the pool still
     * hands out the connection it used a moment ago, unchecked: the find reads on another connection instead of failing
     * the turn, and a save after it goes through once.
     */
    @Test
    void aFindRightAfterTheStoresConnectionsWereEndedReadsOnAnotherConnection() throws Exception {
        String name = "tt_lost_" + Long.toHexString(System.nanoTime());
        SessionStoreConfig config = database.config();
        JdbcSessionStore store = open(atUrl(config, config.url() + "&ApplicationName=" + name));
        ConversationState saved = ((SaveOutcome.Saved) store.save(start("s-1", "u-1"), 0)).state();

        database.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + name + "'");
        ConversationState found = store.find("s-1").orElseThrow();

        assertThat(found.version()).isEqualTo(saved.version());
        assertThat(store.save(found, found.version())).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(store.find("s-1").orElseThrow().version()).isEqualTo(saved.version() + 1);
    }

    @Test
    void openingAStoreOnAClosedPortFailsWithSessionStoreUnavailable() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> JdbcSessionStore.open(SessionStoreConfig.of("jdbc:postgresql://127.0.0.1:1/test")
                        .withCredentials("postgres", null)))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.SESSION_STORE))
                .hasMessageContaining("session store could not be opened");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
