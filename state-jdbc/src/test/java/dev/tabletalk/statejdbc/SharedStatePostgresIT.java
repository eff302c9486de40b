package dev.tabletalk.statejdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.testkit.db.CommitFaults;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared store on PostgreSQL, each test in a database of its own. */
class SharedStatePostgresIT extends AbstractSharedStateIT {

    private final DatabaseServer server = DatabaseServers.postgres();
    private String database;

    @Override
    String createStore() {
        database = server.createDatabase("tt_shared");
        return server.urlWithUser(database);
    }

    @Override
    void dropStore() {
        server.dropDatabase(database);
    }

    /**
     * After the store's backends are ended (a restart, an operator's {@code pg_terminate_backend}), the pool still
     * hands out the connections it used a moment ago, unchecked: every act then goes through on another connection,
     * once (the generation and the reload count move by one), instead of being refused for a store that is back.
     */
    @Test
    void everyActRightAfterTheStoresConnectionsWereEndedIsMadeOnceOnAnotherConnection() throws InterruptedException {
        String own = server.createDatabase("tt_shared_lost");
        try (JdbcSharedState store =
                JdbcSharedState.open(server.urlWithUser(own), FixedClock.at("2026-12-04T10:00:00Z"))) {
            long reloads = store.announceReload();

            endConnections(own);
            assertThat(store.announceReload()).isEqualTo(reloads + 1);
            endConnections(own);
            assertThat(store.announceTarget("shop", "jdbc:postgresql://db.example/shop"))
                    .isEqualTo(1);
            endConnections(own);
            assertThat(store.reloads()).isEqualTo(reloads + 1);
            endConnections(own);
            assertThat(store.target().generation()).isEqualTo(1);
            endConnections(own);
            store.readOnlySwitch().set(true);
            // the switch's answer is kept for half a second: read it again once that has passed, on a connection
            // used a moment before it (an idle one the pool checks itself)
            Thread.sleep(JdbcSharedState.SWITCH_MAX_AGE.toMillis() + 100);
            store.reloads();
            endConnections(own);
            assertThat(ReadOnlyMode.sharedIn(store.readOnlySwitch()).isOn()).isTrue();
            endConnections(own);
            assertThat(store.tokenBuckets().take("user:ada", 5, Duration.ofMinutes(1)))
                    .isEmpty();
        } finally {
            server.dropDatabase(own);
        }
    }

    /**
     * A connect whose commit loses the store's connection on its way (here the commit's own deferred trigger ends
     * its backend, so the store rolls it back, as a crash would) fails with its outcome unknown, is not run again, and
     * is told apart from a commit the store refused, which changed nothing.
     */
    @Test
    void anAnnounceWhoseCommitLostItsConnectionIsReportedWithItsOutcomeUnknownAndNotRunAgain() throws SQLException {
        String own = server.createDatabase("tt_shared_commit");
        try (JdbcSharedState store =
                JdbcSharedState.open(server.urlWithUser(own), FixedClock.at("2026-12-04T10:00:00Z"))) {
            assertThat(store.announceTarget("shop", "jdbc:postgresql://db.example/shop"))
                    .isEqualTo(1);
            try (Connection connection = server.connect(own)) {
                CommitFaults.install(connection, StateSchema.TARGET, "tt_end_at_commit", CommitFaults.END_BACKEND);
            }
            assertThatThrownBy(() -> store.announceTarget("other", "jdbc:postgresql://db.example/other"))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(JdbcSharedState.outcomeUnknown(e)).isTrue());
            try (Connection connection = server.connect(own)) {
                CommitFaults.remove(connection, StateSchema.TARGET, "tt_end_at_commit");
                CommitFaults.install(
                        connection,
                        StateSchema.TARGET,
                        "tt_refuse_at_commit",
                        "RAISE EXCEPTION 'refused' USING ERRCODE = '23514';");
            }
            assertThatThrownBy(() -> store.announceTarget("other", "jdbc:postgresql://db.example/other"))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(JdbcSharedState.outcomeUnknown(e)).isFalse());
            try (Connection connection = server.connect(own)) {
                CommitFaults.remove(connection, StateSchema.TARGET, "tt_refuse_at_commit");
            }

            // run once each: the store rolled both back, so the generation moved by the first announce only
            assertThat(store.target().generation()).isEqualTo(1);
            assertThat(store.target().description()).isEqualTo("shop");
        } finally {
            server.dropDatabase(own);
        }
    }

    private void endConnections(String own) {
        server.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + own + "'");
    }
}
