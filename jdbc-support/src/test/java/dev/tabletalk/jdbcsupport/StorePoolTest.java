package dev.tabletalk.jdbcsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
        return (HikariDataSource) pool.dataSource();
    }
}
