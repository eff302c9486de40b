package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JDBC session store on PostgreSQL, each test in a fresh schema. */
class JdbcSessionStorePostgresIT extends AbstractJdbcSessionStoreIT {

    @Override
    TestStore newDatabase() {
        return TestStore.postgres();
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
