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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Durable appends per second against the floor of the same store: one thread, 16 threads on one log, and 16 threads
 * split over two logs on one store (two processes' worth of writers), plus the speed of {@code verify()}. The floor
 * is a tight loop of single-row committed inserts on the same store in the same run (on H2 each followed by {@code
 * CHECKPOINT SYNC}, which is what makes an H2 commit durable): one disk sync per commit, with none of the audit log's
 * work. Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -Pbenchmarks -pl benchmarks exec:java@audit-append   # see docs/performance.md
 * </pre>
 *
 * Arguments: appends per thread (default 2000), then the stores as a comma-separated list of {@code h2}, {@code pg}
 * and {@code mariadb} (default {@code h2,pg}, plus {@code mariadb} when TABLETALK_BENCH_MARIADB is set). Uses the
 * testkit's servers ({@link DatabaseServers}) with a fresh schema or database per run that it drops after.
 */
public final class AuditAppendBenchmark {

    private static final int WARM_UP_PER_THREAD = 200;
    private static final int FLOOR_COMMITS = 2_000;

    private AuditAppendBenchmark() {}

    /** How many threads append, spread over how many logs (each log stands for one process). */
    private record Writers(int threads, int logs) {
        String label() {
            return logs == 1 ? threads + " threads" : threads + " threads, " + logs + " logs";
        }
    }

    private static final List<Writers> RUNS = List.of(new Writers(1, 1), new Writers(16, 1), new Writers(16, 2));

    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        String stores = args.length > 1
                ? args[1]
                : System.getenv("TABLETALK_BENCH_MARIADB") != null ? "h2,pg,mariadb" : "h2,pg";
        Path directory = Files.createTempDirectory("tt-audit-bench");
        System.out.printf(
                Locale.ROOT,
                "%-12s %-20s %8s %9s %11s %9s %14s%n",
                "store",
                "writers",
                "appends",
                "seconds",
                "appends/s",
                "x floor",
                "verify rows/s");
        for (String store : stores.split(",")) {
            switch (store.trim()) {
                case "h2" -> benchmarkH2(directory, perThread);
                case "pg" -> benchmarkServer("PostgreSQL", DatabaseServers.postgres(), true, perThread);
                case "mariadb" -> benchmarkServer("MariaDB", DatabaseServers.mariaDb(), false, perThread);
                default -> throw new IllegalArgumentException("unknown store " + store + ": use h2, pg or mariadb");
            }
        }
    }

    private static void benchmarkH2(Path directory, int perThread) throws Exception {
        String floorUrl = h2Url(directory.resolve("floor"));
        double floor = commitFloor(floorUrl, null, null, "CHECKPOINT SYNC");
        System.out.printf(Locale.ROOT, "%-12s %-20s %8d %9s %11.0f%n", "H2 file", "floor, 1 thread", 0, "", floor);
        int run = 0;
        for (Writers writers : RUNS) {
            run("H2 file", AuditStoreConfig.of(h2Url(directory.resolve("audit-" + run++))), writers, perThread, floor);
        }
    }

    private static String h2Url(Path file) {
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=5000";
    }

    private static void benchmarkServer(String name, DatabaseServer server, boolean isPostgres, int perThread)
            throws Exception {
        String password = server.password().isEmpty() ? null : server.password();
        String floorSpace =
                isPostgres ? server.createSchema("tt_audit_floor") : server.createDatabase("tt_audit_floor");
        double floor;
        try {
            floor = commitFloor(storeUrl(server, isPostgres, floorSpace), server.user(), password, null);
        } finally {
            drop(server, isPostgres, floorSpace);
        }
        System.out.printf(Locale.ROOT, "%-12s %-20s %8d %9s %11.0f%n", name, "floor, 1 thread", 0, "", floor);
        for (Writers writers : RUNS) {
            String space = isPostgres ? server.createSchema("tt_audit_bench") : server.createDatabase("tt_audit_bench");
            try {
                AuditStoreConfig config = AuditStoreConfig.of(storeUrl(server, isPostgres, space))
                        .withCredentials(server.user(), password);
                run(name, config, writers, perThread, floor);
            } finally {
                drop(server, isPostgres, space);
            }
        }
    }

    private static String storeUrl(DatabaseServer server, boolean isPostgres, String space) {
        if (!isPostgres) {
            return server.url(space);
        }
        return server.adminUrl() + (server.adminUrl().contains("?") ? "&" : "?") + "currentSchema=" + space;
    }

    private static void drop(DatabaseServer server, boolean isPostgres, String space) {
        if (isPostgres) {
            server.dropSchema(space);
        } else {
            server.dropDatabase(space);
        }
    }

    /**
     * Committed single-row inserts per second from one thread in autocommit: one durable commit each, the most a
     * store can do one after the other. {@code syncStatement}, when given, runs after each insert (H2's commit alone
     * is not written to disk).
     */
    private static double commitFloor(String url, String user, String password, String syncStatement)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE floor_commits (id BIGINT PRIMARY KEY, payload VARCHAR(600) NOT NULL)");
            }
            String payload = "x".repeat(500);
            try (PreparedStatement insert =
                            connection.prepareStatement("INSERT INTO floor_commits (id, payload) VALUES (?, ?)");
                    Statement sync = connection.createStatement()) {
                long started = 0;
                for (int i = -WARM_UP_PER_THREAD; i < FLOOR_COMMITS; i++) {
                    if (i == 0) {
                        started = System.nanoTime();
                    }
                    insert.setLong(1, i);
                    insert.setString(2, payload);
                    insert.executeUpdate();
                    if (syncStatement != null) {
                        sync.execute(syncStatement);
                    }
                }
                return FLOOR_COMMITS / ((System.nanoTime() - started) / 1e9);
            }
        }
    }

    private static void run(String name, AuditStoreConfig config, Writers writers, int perThread, double floor)
            throws Exception {
        List<JdbcAuditLog> logs = new ArrayList<>();
        try {
            for (int i = 0; i < writers.logs(); i++) {
                logs.add(JdbcAuditLog.open(config));
            }
            appendAll(logs, writers.threads(), WARM_UP_PER_THREAD); // JIT, pool, statement caches
            long appends = (long) writers.threads() * perThread;
            long started = System.nanoTime();
            appendAll(logs, writers.threads(), perThread);
            double seconds = (System.nanoTime() - started) / 1e9;
            long verifyStarted = System.nanoTime();
            ChainVerification verification = logs.get(0).verify();
            double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
            long expected = (long) writers.threads() * (WARM_UP_PER_THREAD + perThread);
            if (!verification.isIntact() || verification.entriesChecked() != expected) {
                throw new IllegalStateException(
                        "chain broken or incomplete (" + expected + " expected): " + verification);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %-20s %8d %9.2f %11.0f %9.2f %14.0f%n",
                    name,
                    writers.label(),
                    appends,
                    seconds,
                    appends / seconds,
                    appends / seconds / floor,
                    verification.entriesChecked() / verifySeconds);
        } finally {
            logs.forEach(JdbcAuditLog::close);
        }
    }

    /** {@code threads} threads, spread evenly over the logs, each appending {@code perThread} events, all at once. */
    private static void appendAll(List<JdbcAuditLog> logs, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcAuditLog log = logs.get(t % logs.size());
                String session = "bench-" + t + "-" + System.nanoTime();
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.append(typical(session, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A typical read turn: a plan with two filters, a planner trace, a few hundred bytes in all. */
    static AuditEvent typical(String session, int i) {
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
