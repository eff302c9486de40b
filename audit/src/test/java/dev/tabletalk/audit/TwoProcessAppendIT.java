package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.user.UserContext;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs appending to one store at the same time still build one valid chain. */
class TwoProcessAppendIT {

    private static final int PER_PROCESS = 1_000;

    @TempDir
    Path directory;

    @Test
    void twoProcessesAppendingToOnePostgresStoreKeepOneChain() throws Exception {
        try (TestStore store = TestStore.postgres()) {
            appendFromTwoProcesses(AppendingProcess.patient(store.config()), "postgres", "");
        }
    }

    @Test
    void twoProcessesAppendingToOneEmbeddedH2FileKeepOneChain() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("shared") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        appendFromTwoProcesses(AppendingProcess.patient(AuditStoreConfig.of(url).withCredentials("sa", "")), "sa", "");
    }

    @Test
    void everyAppendThatReturnedSurvivesTheProcessDyingRightAfterOnAnEmbeddedH2File() throws Exception {
        // H2 writes its file in the background, up to 500 ms after a commit: an append that returned before its
        // entry was synced would be lost here
        String url = "jdbc:h2:file:" + directory.resolve("crashing") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        Process crashing = start(url, "sa", "", 50, "crashing-process", "halt");
        try {
            assertThat(crashing.waitFor(3, TimeUnit.MINUTES))
                    .as("the process ended")
                    .isTrue();
            assertThat(crashing.exitValue())
                    .as("the crashing process's exit code")
                    .isZero();
        } finally {
            crashing.destroyForcibly();
        }

        try (JdbcAuditLog log = JdbcAuditLog.open(
                AppendingProcess.patient(AuditStoreConfig.of(url).withCredentials("sa", "")))) {
            assertThat(log.queries().turns("crashing-process")).hasSize(50);
            assertThat(log.verify().isIntact()).isTrue();
        }
    }

    @Test
    void everyAppendThatReturnedFromABatchGatheredOverTheCommitDelaySurvivesTheProcessDyingRightAfter()
            throws Exception {
        // eight threads with the longest commit delay: batches of several entries, each gathered while the writer
        // waits; an entry acknowledged before its batch was synced would be missing after the halt
        String url = "jdbc:h2:file:" + directory.resolve("delayed") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        int threads = 8;
        int each = 25;
        Process crashing = start(
                url,
                "sa",
                "",
                each,
                "delayed",
                "halt",
                String.valueOf(threads),
                String.valueOf(AuditStoreConfig.MAX_COMMIT_DELAY.toMillis()));
        try {
            assertThat(crashing.waitFor(3, TimeUnit.MINUTES))
                    .as("the process ended")
                    .isTrue();
            assertThat(crashing.exitValue()).isZero();
        } finally {
            crashing.destroyForcibly();
        }

        try (JdbcAuditLog log = JdbcAuditLog.open(AuditStoreConfig.of(url).withCredentials("sa", ""))) {
            for (int t = 0; t < threads; t++) {
                assertThat(log.queries().turns("delayed-" + t))
                        .extracting(AuditRecord::message)
                        .as("thread %d", t)
                        .hasSize(each)
                        .endsWith("turn " + (each - 1));
            }
            ChainVerification verification = log.verify();
            assertThat(verification.isIntact()).as(verification.toString()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo((long) threads * each);
        }
    }

    private static Process start(String url, String user, String password, int count, String... sessionAndMode)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AppendingProcess.class.getName(),
                url,
                user,
                password,
                String.valueOf(count)));
        command.addAll(List.of(sessionAndMode));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void appendFromTwoProcesses(AuditStoreConfig config, String user, String password) throws Exception {
        try (JdbcAuditLog log = JdbcAuditLog.open(config)) {
            Process other = start(config.url(), user, password, PER_PROCESS, "other-process");
            try {
                appendHere(log, "this-process");
                assertThat(other.waitFor(3, TimeUnit.MINUTES))
                        .as("the other process finished")
                        .isTrue();
                assertThat(other.exitValue()).isZero();
            } finally {
                other.destroyForcibly();
            }

            ChainVerification verification = log.verify();
            assertThat(verification.isIntact()).as(verification.toString()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(2L * PER_PROCESS);
            assertThat(log.queries().turns("other-process")).hasSize(PER_PROCESS);
            assertThat(log.queries().turns("this-process")).hasSize(PER_PROCESS);
        }
    }

    private static void appendHere(JdbcAuditLog log, String session) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_PROCESS / threads; i++) {
                        log.append(AuditEvent.withoutPlan(
                                Instant.now(),
                                session,
                                UserContext.of("u-here", "editor"),
                                "turn " + i,
                                AuditEvent.Action.READ,
                                AuditEvent.Outcome.OK,
                                Optional.empty(),
                                Duration.ofMillis(1)));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
