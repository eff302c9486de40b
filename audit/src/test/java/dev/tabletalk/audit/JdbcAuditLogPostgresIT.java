package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.testkit.db.CommitFaults;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The JDBC audit log on PostgreSQL, each test in a fresh schema. */
class JdbcAuditLogPostgresIT extends AbstractJdbcAuditLogIT {

    @Override
    TestStore newStore() {
        return TestStore.postgres();
    }

    @Test
    @Tag("invariant-9")
    void anAppendWhoseCommitFailsIsNotReportedWrittenAndTheNextOneIs() throws SQLException {
        // a deferred constraint trigger fails at COMMIT, after every statement of the append succeeded
        try (Connection connection = store.connect()) {
            CommitFaults.install(
                    connection,
                    "ai_audit_log",
                    "refuse_at_commit",
                    "IF NEW.message = 'refused at commit' THEN RAISE EXCEPTION 'no'; END IF;");
        }
        String session = newSession();

        log.append(event(session, "before", AuditEvent.Outcome.OK));
        assertThatThrownBy(() -> log.append(event(session, "refused at commit", AuditEvent.Outcome.OK)))
                .isInstanceOf(DependencyUnavailableException.class);
        log.append(event(session, "after", AuditEvent.Outcome.OK));

        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::message)
                .containsExactly("before", "after");
        assertThat(log.verify().isIntact()).isTrue();
    }

    /**
     * After the store's backends are ended (a restart, an operator's {@code pg_terminate_backend}), the writer's
     * connection is gone: the next append is written on another connection, once, instead of failing its turn.
     */
    @Test
    @Tag("invariant-9")
    void anAppendRightAfterTheStoresConnectionsWereEndedIsWrittenOnceOnAnotherConnection() {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_audit_lost");
        try (JdbcAuditLog own = JdbcAuditLog.open(AuditStoreConfig.of(server.url(database))
                .withCredentials(server.user(), server.password().isEmpty() ? null : server.password()))) {
            String session = newSession();
            own.append(event(session, "before", AuditEvent.Outcome.OK));

            server.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            own.append(event(session, "after the store's connections were ended", AuditEvent.Outcome.OK));

            assertThat(own.queries().turns(session))
                    .extracting(AuditRecord::message)
                    .containsExactly("before", "after the store's connections were ended");
            assertThat(own.verify().isIntact()).isTrue();
        } finally {
            server.dropDatabase(database);
        }
    }

    /**
     * An append whose connection is lost at its commit twice in a row: the second loss comes while the retry holds
     * the head's lock in a transaction of its own, whose end (switching the connection back to autocommit) then
     * fails too. That must not hide the lost connection: the third attempt looks for the batch, does not find it,
     * and writes it once. (Before, the failed switch's "Connection is closed", which has no SQLState, replaced the
     * lost connection, and the append failed its turn.)
     */
    @Test
    @Tag("invariant-9")
    void anAppendWhoseConnectionIsLostTwiceAtItsCommitIsStillWrittenOnce() throws SQLException {
        try (Connection connection = store.connect()) {
            TestStore.execute(connection, "CREATE SEQUENCE end_at_commit_twice");
            CommitFaults.install(
                    connection,
                    "ai_audit_log",
                    "end_at_commit_twice",
                    "IF NEW.message = 'lost at commit twice' AND nextval('end_at_commit_twice') <= 2 THEN "
                            + CommitFaults.END_BACKEND + " END IF;");
        }
        String session = newSession();

        log.append(event(session, "before", AuditEvent.Outcome.OK));
        log.append(event(session, "lost at commit twice", AuditEvent.Outcome.OK));

        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::message)
                .containsExactly("before", "lost at commit twice");
        assertThat(log.verify().isIntact()).isTrue();
        try (Connection connection = store.connect();
                Statement statement = connection.createStatement();
                ResultSet ended = statement.executeQuery("SELECT last_value FROM end_at_commit_twice")) {
            assertThat(ended.next()).isTrue();
            assertThat(ended.getLong(1)).as("two commits lost, the third made").isEqualTo(3);
        }
    }

    /**
     * An append whose connection is lost at its commit (the commit's own deferred trigger ends its backend, once, so
     * the store rolls it back) is not known to be in the chain: the next attempt looks for it under the head's
     * lock, does not find it, and writes it, once.
     */
    @Test
    @Tag("invariant-9")
    void anAppendWhoseConnectionIsLostAtItsCommitIsLookedForAndWrittenOnce() throws SQLException {
        try (Connection connection = store.connect()) {
            TestStore.execute(connection, "CREATE SEQUENCE end_at_commit_once");
            CommitFaults.install(
                    connection,
                    "ai_audit_log",
                    "end_at_commit",
                    "IF NEW.message = 'lost at commit' AND nextval('end_at_commit_once') = 1 THEN "
                            + CommitFaults.END_BACKEND + " END IF;");
        }
        String session = newSession();

        log.append(event(session, "before", AuditEvent.Outcome.OK));
        log.append(event(session, "lost at commit", AuditEvent.Outcome.OK));
        log.append(event(session, "after", AuditEvent.Outcome.OK));

        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::message)
                .containsExactly("before", "lost at commit", "after");
        assertThat(log.verify().isIntact()).isTrue();
        try (Connection connection = store.connect();
                Statement statement = connection.createStatement();
                ResultSet ended = statement.executeQuery("SELECT last_value FROM end_at_commit_once")) {
            assertThat(ended.next()).isTrue();
            assertThat(ended.getLong(1))
                    .as("the first commit was lost, the second made")
                    .isEqualTo(2);
        }
    }

    @Test
    @Tag("invariant-9")
    void openingAStoreOnAClosedPortFailsWithAuditStoreUnavailable() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> JdbcAuditLog.open(AuditStoreConfig.of("jdbc:postgresql://127.0.0.1:1/test")
                        .withCredentials("postgres", null)))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.AUDIT_STORE));
        // opening is patient once (10 s); appends to a store that went down fail within the short timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    @Tag("invariant-9")
    void appendFailsFastWhenTheStoresServerStopsAnsweringConnections() {
        DataSource closedPort = new PGSimpleDataSource();
        ((PGSimpleDataSource) closedPort).setURL(store.config().url());
        ((PGSimpleDataSource) closedPort).setUser("postgres");
        JdbcAuditLog onClosedPort = JdbcAuditLog.create(closedPort);
        ((PGSimpleDataSource) closedPort).setPortNumbers(new int[] {1});

        long started = System.nanoTime();
        assertThatThrownBy(() -> onClosedPort.append(event(newSession(), "set status", AuditEvent.Outcome.OK)))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Tag("invariant-9")
    void appendFailsFastOnceTheStoresDatabaseIsDropped() throws Exception {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_audit");
        String url = server.url(database);
        try (JdbcAuditLog own = JdbcAuditLog.open(AuditStoreConfig.of(url)
                .withCredentials(server.user(), server.password().isEmpty() ? null : server.password()))) {
            own.append(event(newSession(), "before", AuditEvent.Outcome.OK));
            server.execute("DROP DATABASE " + database + " WITH (FORCE)");

            long started = System.nanoTime();
            assertThatThrownBy(() -> own.append(event(newSession(), "after", AuditEvent.Outcome.OK)))
                    .isInstanceOf(DependencyUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            server.dropDatabase(database);
        }
    }
}
