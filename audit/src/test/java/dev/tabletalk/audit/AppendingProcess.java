package dev.tabletalk.audit;

import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A second process for {@link TwoProcessAppendIT}: appends {@code count} turns of session
 * {@code session} to the store at {@code url} and exits 0. Arguments: url user password count session,
 * and optionally {@code halt}: then the process stops dead right after the last append returns, without
 * closing the log or running shutdown hooks, as a process that crashes would; then optionally a number of
 * threads (each appends {@code count} turns of session {@code session-N}) and a commit delay in milliseconds.
 */
public final class AppendingProcess {

    private AppendingProcess() {}

    /**
     * {@code config} with 30 s connection and statement timeouts: the test is about the chain, not how quickly a
     * store opens, and must pass on a loaded machine too (an H2 file with AUTO_SERVER took over 10 s to open at a
     * load average of 30).
     */
    static AuditStoreConfig patient(AuditStoreConfig config) {
        return config.withConnectionTimeout(Duration.ofSeconds(30)).withStatementTimeout(Duration.ofSeconds(30));
    }

    public static void main(String[] args) throws Exception {
        AuditStoreConfig config = patient(AuditStoreConfig.of(args[0]).withCredentials(args[1], args[2]));
        int count = Integer.parseInt(args[3]);
        String session = args[4];
        boolean isHalting = args.length > 5 && args[5].equals("halt");
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        if (args.length > 7) {
            config = config.withCommitDelay(Duration.ofMillis(Long.parseLong(args[7])));
        }
        try (JdbcAuditLog log = JdbcAuditLog.open(config)) {
            if (threads == 1) {
                appendAll(log, session, count);
            } else {
                List<Thread> appenders = new ArrayList<>();
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String each = session + "-" + t;
                    Thread appender = new Thread(() -> appendAll(log, each, count));
                    appender.setUncaughtExceptionHandler((thread, failure) -> failures.add(failure));
                    appenders.add(appender);
                    appender.start();
                }
                for (Thread appender : appenders) {
                    appender.join();
                }
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("an append failed", failures.get(0));
                }
            }
            if (isHalting) {
                Runtime.getRuntime().halt(0);
            }
        }
    }

    private static void appendAll(JdbcAuditLog log, String session, int count) {
        for (int i = 0; i < count; i++) {
            log.append(AuditEvent.withoutPlan(
                    Instant.now(),
                    session,
                    UserContext.of("u-other", "editor"),
                    "turn " + i,
                    AuditEvent.Action.READ,
                    AuditEvent.Outcome.OK,
                    Optional.empty(),
                    Duration.ofMillis(1)));
        }
    }
}
