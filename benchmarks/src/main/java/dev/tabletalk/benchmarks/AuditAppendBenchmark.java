package dev.tabletalk.benchmarks;

import dev.tabletalk.audit.AuditStoreConfig;
import dev.tabletalk.audit.ChainVerification;
import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Appends per second on the embedded H2 file store (the default) and on PostgreSQL, with 1 and 8
 * threads, plus the speed of {@code verify()}. Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -Pbenchmarks -pl benchmarks exec:java@audit-append   # see docs/performance.md
 * </pre>
 *
 * The optional argument is the number of appends per thread (default 2000). Uses the testkit's PostgreSQL
 * ({@link DatabaseServers}: TABLETALK_PG_URL, a service at the default address, Testcontainers or embedded) and a
 * fresh schema it drops after; MariaDB too when TABLETALK_BENCH_MARIADB is set.
 */
public final class AuditAppendBenchmark {

    private AuditAppendBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path directory = Files.createTempDirectory("tt-audit-bench");
        System.out.printf(
                Locale.ROOT,
                "%-28s %8s %9s %10s %12s %14s%n",
                "store",
                "threads",
                "appends",
                "seconds",
                "appends/s",
                "verify rows/s");
        for (int threads : new int[] {1, 8}) {
            String url =
                    "jdbc:h2:file:" + directory.resolve("audit-" + threads) + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=5000";
            run("H2 embedded file", AuditStoreConfig.of(url), threads, perThread);
        }
        for (int threads : new int[] {1, 8}) {
            DatabaseServer server = DatabaseServers.postgres();
            String schema = server.createSchema("tt_audit_bench");
            try {
                String url =
                        server.adminUrl() + (server.adminUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
                run("PostgreSQL", credentials(AuditStoreConfig.of(url), server), threads, perThread);
            } finally {
                server.dropSchema(schema);
            }
        }
        if (System.getenv("TABLETALK_BENCH_MARIADB") != null) {
            for (int threads : new int[] {1, 8}) {
                DatabaseServer server = DatabaseServers.mariaDb();
                String database = server.createDatabase("tt_audit_bench");
                try {
                    run("MariaDB", credentials(AuditStoreConfig.of(server.url(database)), server), threads, perThread);
                } finally {
                    server.dropDatabase(database);
                }
            }
        }
    }

    private static AuditStoreConfig credentials(AuditStoreConfig config, DatabaseServer server) {
        return config.withCredentials(server.user(), server.password().isEmpty() ? null : server.password());
    }

    private static void run(String name, AuditStoreConfig config, int threads, int perThread) throws Exception {
        try (JdbcAuditLog log = JdbcAuditLog.open(config)) {
            appendAll(log, threads, 200); // warm-up: JIT, pool, statement caches
            long appends = (long) threads * perThread;
            long started = System.nanoTime();
            appendAll(log, threads, perThread);
            double seconds = (System.nanoTime() - started) / 1e9;
            long verifyStarted = System.nanoTime();
            ChainVerification verification = log.verify();
            double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
            if (!verification.isIntact()) {
                throw new IllegalStateException("chain broken: " + verification);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %8d %9d %10.2f %12.0f %14.0f%n",
                    name,
                    threads,
                    appends,
                    seconds,
                    appends / seconds,
                    verification.entriesChecked() / verifySeconds);
        }
    }

    private static void appendAll(JdbcAuditLog log, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String session = "bench-" + t + "-" + System.nanoTime();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(typical(session, i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A typical read turn: a plan with two filters, a planner trace, a few hundred bytes in all. */
    private static AuditEvent typical(String session, int i) {
        List<Condition> filters = List.of(Filter.eq("city", "Berlin"), Filter.eq("status", "open"));
        return new AuditEvent(
                Instant.now(),
                session,
                UserContext.of("u-" + (i % 50), "editor", "101"),
                "show the 10 newest orders from Berlin that are open",
                AuditEvent.Action.READ,
                Optional.of(Intent.READ),
                Optional.of("public.orders"),
                Map.of(),
                filters,
                Optional.of(ReadPlan.of("public.orders", filters).withLimit(10)),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                10,
                Duration.ofMillis(7),
                Optional.empty(),
                Optional.empty(),
                Optional.of(PlannerTrace.offline("rules")));
    }
}
