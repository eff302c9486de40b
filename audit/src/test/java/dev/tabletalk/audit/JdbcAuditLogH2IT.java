package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aUrlWithoutADriverIsAConfigurationError() {
        assertThatThrownBy(() -> JdbcAuditLog.open("jdbc:nosuchdb://localhost/audit"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc:nosuchdb://localhost/audit");
    }
}
