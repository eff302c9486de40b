package dev.tabletalk.benchmarks;

import dev.tabletalk.audit.AuditStoreConfig;
import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * What a durable append costs in CPU at a turn's rate, not flat out: {@code writers} threads over {@code logs} logs
 * on one store, each appending one typical read turn's event and then waiting out its share of {@code rate}
 * appends per second (16 writers at 800/s: one append every 20 ms each, like 16 clients whose turns take 20 ms).
 * That is where the audit log's group commit finds only one or two entries per batch, and where its per-batch cost
 * shows. Reports CPU per append: the whole process, the appending threads (building the record), the log's writer
 * threads, and every other thread (H2's store threads, the pool); the JIT and GC are in the process figure only.
 * Not a test: run it by hand.
 *
 * <p>Arguments: store ({@code h2}, {@code pg} or {@code mariadb}; default {@code h2}), appends per second (800),
 * warm-up seconds (10), measured seconds (20), writers (16), logs (1).
 */
public final class AuditCostBenchmark {

    private static final String APPENDER = "bench-appender-";
    private static final String WRITER = "tabletalk-audit-writer";
    private static final java.lang.management.ThreadMXBean CURRENT =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private AuditCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        String store = args.length > 0 ? args[0] : "h2";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 800;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int writers = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int logCount = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        AuditStoreConfig config;
        Runnable drop = () -> {};
        switch (store) {
            case "h2" -> {
                Path directory = Files.createTempDirectory("tt-audit-cost");
                config = AuditStoreConfig.of(
                        "jdbc:h2:file:" + directory.resolve("audit") + System.getProperty("h2.suffix", ""));
            }
            case "pg" -> {
                DatabaseServer server = DatabaseServers.postgres();
                String schema = server.createSchema("tt_audit_cost");
                config = AuditStoreConfig.of(server.adminUrl()
                                + (server.adminUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema)
                        .withCredentials(server.user(), server.password().isEmpty() ? null : server.password());
                drop = () -> server.dropSchema(schema);
            }
            case "mariadb" -> {
                DatabaseServer server = DatabaseServers.mariaDb();
                String database = server.createDatabase("tt_audit_cost");
                config = AuditStoreConfig.of(server.url(database))
                        .withCredentials(server.user(), server.password().isEmpty() ? null : server.password());
                drop = () -> server.dropDatabase(database);
            }
            default -> throw new IllegalArgumentException("unknown store " + store + ": use h2, pg or mariadb");
        }
        if (System.getProperty("delay.us") != null) {
            config = config.withCommitDelay(java.time.Duration.ofNanos(1000 * Long.getLong("delay.us")));
        }
        List<JdbcAuditLog> logs = new ArrayList<>();
        try {
            for (int i = 0; i < logCount; i++) {
                logs.add(JdbcAuditLog.open(config));
            }
            long periodNanos = (long) (1e9 * writers / rate);
            run(logs, writers, periodNanos, warmUpSeconds);
            java.util.Map<String, Long> nativeBefore = nativeThreads();
            ThreadCosts before = ThreadCosts.now(name -> false);
            long[] writerBefore = threadCpu(WRITER);
            long started = System.nanoTime();
            long[] appendsAndCpu = run(logs, writers, periodNanos, seconds);
            long appends = appendsAndCpu[0];
            double elapsed = (System.nanoTime() - started) / 1e9;
            ThreadCosts after = ThreadCosts.now(name -> false);
            long writerCpu = threadCpu(WRITER)[0] - writerBefore[0];
            long appendersCpu = appendsAndCpu[1];
            // the appending threads ended before the second snapshot: their CPU is added here
            long threadsCpu = after.cpuNanos(before) + appendersCpu;
            long processCpu = after.processCpuNanos() - before.processCpuNanos();
            long allocated = after.allocatedBytes(before);
            if (Boolean.getBoolean("threads")) {
                java.util.Map<String, Long> nativeAfter = nativeThreads();
                nativeAfter.forEach((name, ticks) -> {
                    long spent = ticks - nativeBefore.getOrDefault(name, 0L);
                    if (spent > 0) {
                        System.out.printf(Locale.ROOT, "  %-24s %8.1f us/append%n", name, spent * 1e4 / appends);
                    }
                });
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s, delay %sus, %d writers, %d log(s), %d appends in %.1f s (%.0f/s); CPU us per append: process %.1f,"
                            + " appenders %.1f, writer %.1f, other threads %.1f, JIT+GC %.1f; allocated %.1f KB"
                            + " per append; verify %s%n",
                    store,
                    System.getProperty("delay.us", "default "),
                    writers,
                    logCount,
                    appends,
                    elapsed,
                    appends / elapsed,
                    processCpu / 1e3 / appends,
                    appendersCpu / 1e3 / appends,
                    writerCpu / 1e3 / appends,
                    (threadsCpu - writerCpu - appendersCpu) / 1e3 / appends,
                    (processCpu - threadsCpu) / 1e3 / appends,
                    allocated / 1024.0 / appends,
                    logs.get(0).verify().isIntact() ? "intact" : "BROKEN");
        } finally {
            logs.forEach(JdbcAuditLog::close);
            drop.run();
        }
    }

    /** Linux: CPU ticks (10 ms) of this process's threads by name, the JVM's own threads included. */
    private static java.util.Map<String, Long> nativeThreads() throws java.io.IOException {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        return ticks;
    }

    /** The CPU time of the live threads whose name starts with {@code prefix}, summed. */
    private static long[] threadCpu(String prefix) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(id));
            }
        }
        return new long[] {total};
    }

    /** Appends at the pace given until {@code seconds} have passed; returns the appends and the appenders' CPU. */
    private static long[] run(List<JdbcAuditLog> logs, int writers, long periodNanos, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers, new java.util.concurrent.ThreadFactory() {
            private int next;

            @Override
            public synchronized Thread newThread(Runnable task) {
                return new Thread(task, APPENDER + next++);
            }
        });
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            List<Future<long[]>> done = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                JdbcAuditLog log = logs.get(t % logs.size());
                String session = "cost-" + t + "-" + System.nanoTime();
                // spread the writers over the period, as independent clients would be
                long offset = periodNanos * t / writers;
                done.add(pool.submit(() -> {
                    long cpuStarted = CURRENT.getCurrentThreadCpuTime();
                    long next = System.nanoTime() + offset;
                    long count = 0;
                    while (true) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() >= end) {
                            return new long[] {count, CURRENT.getCurrentThreadCpuTime() - cpuStarted};
                        }
                        log.append(AuditAppendBenchmark.typical(session, (int) count++));
                        // a slow append delays this client's next turn, as it would a real one
                        next = Math.max(next + periodNanos, System.nanoTime());
                    }
                }));
            }
            long[] total = new long[2];
            for (Future<long[]> future : done) {
                long[] one = future.get();
                total[0] += one[0];
                total[1] += one[1];
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
