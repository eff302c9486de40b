package dev.tabletalk.jdbcsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

class StorePoolTest {

    private static StorePool.Settings settings(String url) {
        return new StorePool.Settings(
                "test store", url, Optional.of("sa"), Optional.of("s3cr3t"), 3, Duration.ofMillis(1500));
    }

    @Test
    void usesTheConfiguredPoolAndTimeoutFromTheStartEvenAfterASlowStartUp() throws Exception {
        StorePool.Settings oneConnection = new StorePool.Settings(
                "test store",
                "jdbc:h2:mem:store-pool-" + System.nanoTime(),
                Optional.of("sa"),
                Optional.empty(),
                1,
                Duration.ofMillis(1000));

        try (StorePool pool = StorePool.open(oneConnection, IllegalStateException::new, started -> {
            try {
                Thread.sleep(300); // past HikariCP's first housekeeping (100 ms)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return started;
        })) {
            assertThat(hikari(pool).getPoolName()).isEqualTo("tabletalk-test-store");
            try (Connection held = pool.dataSource().getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                long asked = System.nanoTime();

                assertThatThrownBy(() -> pool.dataSource().getConnection()).isInstanceOf(SQLException.class);

                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void whileTheStoreIsDownRequestsAreRefusedAtOnceAndTheFirstAfterItIsBackIsServed() throws Exception {
        Server store = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = store.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:fail-fast-" + System.nanoTime();
        try (StorePool pool = StorePool.open(
                new StorePool.Settings(
                        "test store", url, Optional.of("sa"), Optional.empty(), 2, Duration.ofMillis(500)),
                IllegalStateException::new,
                started -> started)) {
            pool.dataSource().getConnection().close();
            store.stop();
            // past HikariCP's 500 ms in which it hands out an idle connection unchecked
            Thread.sleep(600);

            // the first requests wait (HikariCP may spend a wait checking the dead idle connections, which trips
            // nothing): from the first wait that failed to connect on, requests are refused at once
            SQLException waited = connectFailure(pool);
            SQLException first = awaitRefusal(pool);
            // eight requests at once while it stays down: none waits, each says why
            ExecutorService requests = Executors.newFixedThreadPool(8);
            List<SQLException> refused = new ArrayList<>();
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<SQLException>> asked = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    asked.add(requests.submit(() -> {
                        go.await();
                        return connectFailure(pool);
                    }));
                }
                go.countDown();
                for (Future<SQLException> failure : asked) {
                    refused.add(failure.get(10, TimeUnit.SECONDS));
                }
            } finally {
                requests.shutdownNow();
            }
            SQLException later = connectFailure(pool);

            assertThat(waited.getClass()).isEqualTo(SQLTransientConnectionException.class);
            assertThat(waited.getMessage()).startsWith("tabletalk-test-store - Connection is not available");
            refused.add(later);
            refused.add(first);
            for (SQLException e : refused) {
                assertThat(e.getClass()).isEqualTo(SQLTransientConnectionException.class);
                assertThat(e.getMessage()).contains("not waited for again");
                // what the last wait met, so that the stores tell it as they told the wait's own failure
                assertThat(e.getCause()).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(e.getSQLState()).isEqualTo(((SQLException) e.getCause()).getSQLState());
            }

            store = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists")
                    .start();
            // the watcher finds it back; from then on every request is served as before
            Connection back = awaitConnection(pool);
            back.close();
            for (int i = 0; i < 5; i++) {
                try (Connection connection = pool.dataSource().getConnection()) {
                    assertThat(connection.isValid(1)).isTrue();
                }
            }
        } finally {
            store.stop();
        }
    }

    /**
     * H2's "connection is broken" is not SQLState class 08, which is all HikariCP knows: a connection that met it went
     * back to the pool and, taken again within HikariCP's half second without a liveness check, failed again, so a
     * store in steady use never recovered from a restart.
     */
    @Test
    void aConnectionThatWasLostIsDroppedNotHandedOutAgain() throws Exception {
        Server store = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = store.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:lost-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (StorePool pool = StorePool.open(
                new StorePool.Settings(
                        "test store", url, Optional.of("sa"), Optional.empty(), 1, Duration.ofMillis(1500)),
                IllegalStateException::new,
                started -> started)) {
            try (Connection held = pool.dataSource().getConnection();
                    Statement statement = held.createStatement()) {
                store.stop();
                store = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists")
                        .start();

                assertThatThrownBy(() -> statement.execute("select 1"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(SqlErrors.isConnectionLost(e)).isTrue());
            }

            try (Connection next = pool.dataSource().getConnection();
                    Statement statement = next.createStatement()) {
                assertThat(statement.execute("select 1")).isTrue();
            }
        } finally {
            store.stop();
        }
    }

    @Test
    void aPoolThatIsOnlyBusyDoesNotRefuseAtOnce() throws Exception {
        StorePool.Settings oneConnection = new StorePool.Settings(
                "test store",
                "jdbc:h2:mem:store-pool-busy-" + System.nanoTime(),
                Optional.of("sa"),
                Optional.empty(),
                1,
                Duration.ofMillis(300));
        try (StorePool pool = StorePool.open(oneConnection, IllegalStateException::new, started -> started)) {
            SQLException busy;
            try (Connection held = pool.dataSource().getConnection()) {
                busy = connectFailure(pool);
                assertThat(held.isValid(1)).isTrue();
            }

            assertThat(busy.getMessage()).contains("request timed out");
            try (Connection connection = pool.dataSource().getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    private static SQLException connectFailure(StorePool pool) {
        try (Connection connection = pool.dataSource().getConnection()) {
            throw new AssertionError("the store answered: " + connection);
        } catch (SQLException e) {
            return e;
        }
    }

    private static SQLException awaitRefusal(StorePool pool) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            SQLException failure = connectFailure(pool);
            if (failure.getMessage().contains("not waited for again")) {
                return failure;
            }
            assertThat(System.nanoTime())
                    .as("refused at once: %s", failure.getMessage())
                    .isLessThan(deadline);
        }
    }

    private static Connection awaitConnection(StorePool pool) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return pool.dataSource().getConnection();
            } catch (SQLException e) {
                assertThat(System.nanoTime())
                        .as("the store is back: %s", e.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aStartUpThatFailsClosesThePool() {
        AtomicReference<StorePool> opened = new AtomicReference<>();

        assertThatThrownBy(() -> StorePool.open(
                        settings("jdbc:h2:mem:store-pool-" + System.nanoTime()),
                        IllegalStateException::new,
                        started -> {
                            opened.set(started);
                            throw new UnsupportedOperationException("no tables");
                        }))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(hikari(opened.get()).isClosed()).isTrue();
    }

    @Test
    void aUrlNoDriverTakesIsTheCallersErrorNamingTheStoreWithoutItsParameters() {
        assertThatThrownBy(() -> StorePool.open(
                        settings("jdbc:nosuchdb://localhost/store?password=s3cr3t"),
                        IllegalStateException::new,
                        started -> started))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The test store URL jdbc:nosuchdb://localhost/store cannot be used")
                .hasMessageContaining("jdbc:postgresql:")
                .message()
                .doesNotContain("s3cr3t");
    }

    @Test
    void settingsAreCheckedAlikeForEveryStoreAndNeverShowThePassword() {
        assertThatThrownBy(() -> settings("postgres://db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test store URL must be a JDBC URL (jdbc:...)");
        assertThatThrownBy(() -> new StorePool.Settings(
                        "test store", "jdbc:h2:mem:x", Optional.empty(), Optional.empty(), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorePool.Settings(
                        "test store", "jdbc:h2:mem:x", Optional.empty(), Optional.empty(), 1, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorePool.Settings.checkStatementTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(settings("jdbc:postgresql://db/x?user=a&password=hunter2").describe())
                .doesNotContain("hunter2", "s3cr3t")
                .contains("password=***", "user=sa");
    }

    private static HikariDataSource hikari(StorePool pool) {
        try {
            return pool.dataSource().unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
