package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC audit log on H2 (behind a TCP server the tests can stop), and the default embedded file store. */
class JdbcAuditLogH2IT extends AbstractJdbcAuditLogIT {

    @TempDir
    Path directory;

    @Override
    TestStore newStore() {
        return TestStore.h2(directory);
    }

    @Test
    void theDefaultKindOfStoreIsAnEmbeddedFileThatTwoLogsCanShare() throws Exception {
        Path home = directory.resolve("app");
        String url = AuditStoreConfig.DEFAULT_URL.replace(
                "./.tabletalk", home.resolve(".tabletalk").toString());

        try (JdbcAuditLog first = JdbcAuditLog.open(url);
                JdbcAuditLog second = JdbcAuditLog.open(url)) {
            first.append(event(newSession(), "one", AuditEvent.Outcome.OK));
            second.append(event(newSession(), "two", AuditEvent.Outcome.OK));

            assertThat(second.verify())
                    .isInstanceOfSatisfying(
                            ChainVerification.Intact.class,
                            intact -> assertThat(intact.entriesChecked()).isEqualTo(2));
        }
        assertThat(Files.exists(home.resolve(".tabletalk").resolve("audit.mv.db")))
                .isTrue();
    }

    @Test
    @Tag("invariant-9")
    void everyThreadAppendingWhenTheStoreGoesDownIsToldSoQuickly() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> outcomes = new ArrayList<>();
            CountDownLatch everyThreadAppended = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                String session = newSession();
                Callable<Throwable> appendUntilFailure = () -> {
                    for (int i = 0; ; i++) {
                        try {
                            log.append(event(session, "turn " + i, AuditEvent.Outcome.OK));
                        } catch (RuntimeException e) {
                            return e;
                        }
                        if (i == 0) {
                            everyThreadAppended.countDown();
                        }
                    }
                };
                outcomes.add(pool.submit(appendUntilFailure));
            }
            // the store goes down while every thread is appending (a condition, not a guess at a delay)
            assertThat(everyThreadAppended.await(10, TimeUnit.SECONDS))
                    .as("every thread appended once")
                    .isTrue();
            store.takeDown();

            for (Future<Throwable> outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(DependencyUnavailableException.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * On an H2 file store an append is durable only once synced, after its commit. The connection is lost between
     * the two (its session ended from another connection): the writer syncs on another connection, after finding
     * the committed entry in the chain, so the turn answers and its event is written exactly once.
     */
    @Test
    @Tag("invariant-9")
    void aConnectionLostBetweenTheCommitAndTheSyncIsSyncedOnAnotherAndNeverWrittenTwice() throws Exception {
        EndsTheFirstSync dataSource = new EndsTheFirstSync(store);
        String session = newSession();

        try (JdbcAuditLog ending = JdbcAuditLog.create(dataSource)) {
            ending.append(event(session, "one", AuditEvent.Outcome.OK));
            ending.append(event(session, "two", AuditEvent.Outcome.OK));
        }

        assertThat(dataSource.sessionsEnded)
                .as("the first sync's session was ended")
                .hasValue(1);
        assertThat(dataSource.syncs).as("synced again, on another connection").hasValueGreaterThanOrEqualTo(2);
        assertThat(storedMessages(session)).containsExactly("one", "two");
        assertIntact(2);
    }

    @Test
    void aUrlWithoutADriverIsAConfigurationError() {
        assertThatThrownBy(() -> JdbcAuditLog.open("jdbc:nosuchdb://localhost/audit"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc:nosuchdb://localhost/audit");
    }

    /**
     * Connections to the test's store whose first {@code CHECKPOINT SYNC} finds its session ended: just before it
     * runs, another connection ends it ({@code ABORT_SESSION}), as a store restart or a broken network would.
     */
    private static final class EndsTheFirstSync implements DataSource {

        private final TestStore store;
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger sessionsEnded = new AtomicInteger();

        EndsTheFirstSync(TestStore store) {
            this.store = store;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = store.connect();
            int session;
            try (Statement statement = connection.createStatement();
                    ResultSet id = statement.executeQuery("SELECT SESSION_ID()")) {
                id.next();
                session = id.getInt(1);
            }
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(connection, method, args);
                        if (method.getName().equals("prepareStatement")
                                && args[0] instanceof String sql
                                && sql.startsWith("CHECKPOINT SYNC")) {
                            return syncing((PreparedStatement) result, session);
                        }
                        return result;
                    });
        }

        private PreparedStatement syncing(PreparedStatement sync, int session) {
            return (PreparedStatement) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("execute")) {
                            syncs.incrementAndGet();
                            if (sessionsEnded.compareAndSet(0, 1)) {
                                try (Connection other = store.connect();
                                        Statement statement = other.createStatement()) {
                                    statement.execute("CALL ABORT_SESSION(" + session + ")");
                                }
                            }
                        }
                        return invoke(sync, method, args);
                    });
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
