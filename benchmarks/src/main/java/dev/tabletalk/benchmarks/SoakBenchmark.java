package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.launcher.AuditStore;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak of issue #17: two TableTalk servers in this JVM (each its own {@link TableTalk}, pools and HTTP server:
 * {@link SoakNode}) share one PostgreSQL session store ({@code sessions.url}, idle time-to-live 2 minutes), one
 * shared-state store ({@code sharedState.url}: the rate limits, 1,000,000 turns a minute per user and per tenant,
 * far above the load, so nothing is refused by them, and the read-only switch) and one audit chain on PostgreSQL
 * (two writers). The target is a PostgreSQL schema of {@code tenants} companies of 50 customers each. The load is
 * open-loop ({@link SoakTraffic}): {@code rate} turns a second, {@value #NEW_SESSIONS_PER_SECOND} new conversations a
 * second, reads and, in conversations of two turns (preview, then "confirm"), creates and updates.
 *
 * <p>At the end it prints one PASS or FAIL line per check and exits non-zero on any FAIL:
 *
 * <ul>
 *   <li>no error: every reply is 200, without error or refusal, the one expected for its turn;
 *   <li>heap: the heap used after a full GC, every {@code heapCheckMinutes} (the first of them the reference; one
 *       minute in for a run shorter than two intervals), stays within 10% of the first (each check's class
 *       histogram is written to {@code target/soak}, and the report names the classes that grew most);
 *   <li>writes: every create a reply called done is in the target exactly once (by its unique name), no other create
 *       is there, and every customer's city is the done update's value, or its seeded one;
 *   <li>audit: the audit store holds one record per {@code /chat} turn sent (not counting the pending record the
 *       commit gate writes inside each write's transaction, which the turn's own record resolves), and its chain
 *       verifies without unresolved writes.
 * </ul>
 *
 * <p>With faults (a fifth argument, the seconds between them: {@link SoakChaos}), the connections to the target, the
 * session store, the shared state and the audit store are cut in turn until a minute before the end, and the checks
 * ask for honesty instead of success: every reply is the expected one or a failure that says what it did (a confirm:
 * nothing was changed, or the outcome is unknown with what a check found), leaks nothing, and is never an empty read;
 * the servers recover (no turn begun more than 30 s after the last cut fails); every write a reply called done is
 * there exactly once and no write a reply said changed nothing is there ({@link SoakLedger}); the audit chain
 * verifies and holds a record for every turn but those refused because the audit store did not answer and the
 * writes whose resolution it could not take (their pending record listed as unresolved), and no more records than
 * turns.
 *
 * <p>Run with {@code mvn -B -o -Pbenchmarks -pl benchmarks exec:java@soak} (or {@code exec:java@soak-chaos}) after
 * installing the modules; the arguments are minutes, turns per second, tenants, heap-check interval in minutes and
 * seconds between faults (30, 200, 500, 5, none; {@code -Dexec.args="3 200 500 1"} is the short run).
 */
public final class SoakBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SoakBenchmark.class);

    private static final int NEW_SESSIONS_PER_SECOND = 5;
    private static final double HEAP_TOLERANCE = 0.10;

    /** The target's connections say who they are, so that the faults cut theirs and no other in its database. */
    private static final String TARGET_APPLICATION = "tt-soak-target";
    /** A run with faults makes none in its last minute, to show the servers recover. */
    private static final Duration QUIET = Duration.ofMinutes(1);
    /** How long after the last cut a turn may still fail. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private SoakBenchmark() {}

    /** Runs the soak; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        // the servers close a connection idle for 10 s (HttpConfig.RequestTimeouts); a client that keeps it longer
        // sometimes sends a turn on a connection the server is closing, which then fails unanswered
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        int minutes = argument(args, 0, 30);
        int rate = argument(args, 1, 200);
        int tenants = argument(args, 2, 500);
        int heapCheckMinutes = argument(args, 3, 5);
        Duration chaos = Duration.ofSeconds(argument(args, 4, 0));
        if (minutes < 2
                || rate < NEW_SESSIONS_PER_SECOND
                || tenants < 1
                || heapCheckMinutes < 1
                || chaos.isNegative()) {
            throw new IllegalArgumentException("minutes >= 2, turns per second >= " + NEW_SESSIONS_PER_SECOND
                    + ", tenants >= 1, heap-check minutes >= 1, chaos seconds >= 0");
        }
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_soak");
        String sessions = server.createDatabase("tt_soak_sessions");
        String shared = server.createDatabase("tt_soak_state");
        String audit = server.createDatabase("tt_soak_audit");
        boolean passed;
        try (HikariDataSource target = PostgresReads.pool(server, schema, 4)) {
            seed(target, tenants);
            passed = soak(
                    server,
                    new Databases(schema, sessions, shared, audit),
                    target,
                    new Run(minutes, rate, tenants, heapCheckMinutes, chaos));
        } finally {
            server.dropSchema(schema);
            server.dropDatabase(sessions);
            server.dropDatabase(shared);
            server.dropDatabase(audit);
        }
        if (!passed) {
            System.exit(1);
        }
    }

    private static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** {@code tenants} companies of 50 customers each; new customers take ids after the seeded ones. */
    private static void seed(HikariDataSource target, int tenants) throws SQLException {
        int rows = tenants * SoakTraffic.ROWS_PER_TENANT;
        try (Connection connection = target.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table customers (id bigint generated by default as identity primary key, "
                    + "company_id bigint not null, name varchar(100) not null, city varchar(60), "
                    + "status varchar(20) default 'active' not null, credit_limit numeric(12, 2), "
                    + "created_at timestamp default current_timestamp not null)");
            statement.execute("create index customers_company on customers (company_id, id)");
            statement.execute("insert into customers (id, company_id, name, city, status, credit_limit, created_at) "
                    + "select n, (n - 1) / " + SoakTraffic.ROWS_PER_TENANT + " + 1, 'Customer ' || n, "
                    + "(array['Berlin', 'Paris', 'Lisbon', 'Oslo'])[n % 4 + 1], "
                    + "case when n % 3 = 0 then 'inactive' else 'active' end, n * 10.5, "
                    + "timestamp '2026-01-01' + n * interval '1 minute' from generate_series(1, " + rows + ") n");
            statement.execute("alter table customers alter column id restart with " + (rows + 1));
            statement.execute("analyze customers");
        }
    }

    /** The databases of a run: the target's schema, and the stores' databases. */
    private record Databases(String schema, String sessions, String shared, String audit) {}

    /** A run's arguments; {@code chaos} zero for none. */
    private record Run(int minutes, int rate, int tenants, int heapCheckMinutes, Duration chaos) {

        boolean chaotic() {
            return !chaos.isZero();
        }
    }

    /** What the faults did, for a run with them. */
    private record Faults(
            int rounds,
            Map<String, Long> cut,
            Map<String, Long> outages,
            Map<String, Long> commitsFailed,
            long rowsLocked,
            long lastCutNanos) {}

    private static boolean soak(DatabaseServer server, Databases databases, HikariDataSource target, Run run)
            throws Exception {
        String targetUrl = server.adminUrl()
                + (server.adminUrl().contains("?") ? "&" : "?")
                + "currentSchema=" + databases.schema() + "&user=" + server.user()
                + (server.password().isEmpty() ? "" : "&password=" + server.password())
                + "&ApplicationName=" + TARGET_APPLICATION;
        List<HeapCheck> heaps = new ArrayList<>();
        SoakTraffic.Totals totals;
        LatencyHistogram latencies;
        Outcome outcome;
        boolean drained;
        long sessionsLeft;
        SoakLedger.Writes writes;
        Optional<Faults> faults = Optional.empty();
        try (SoakNode first =
                        SoakNode.start(targetUrl, server, databases.sessions(), databases.shared(), databases.audit());
                SoakNode second =
                        SoakNode.start(targetUrl, server, databases.sessions(), databases.shared(), databases.audit());
                SoakTraffic traffic = SoakTraffic.start(
                        List.of(first.chat(), second.chat()),
                        run.rate(),
                        run.tenants(),
                        NEW_SESSIONS_PER_SECOND,
                        run.chaotic())) {
            long start = System.nanoTime();
            long sentAtStart = traffic.sentSoFar();
            SoakChaos chaos = run.chaotic()
                    ? SoakChaos.start(
                            server,
                            victims(databases),
                            run.tenants(),
                            run.chaos(),
                            start
                                    + Duration.ofMinutes(run.minutes())
                                            .minus(QUIET)
                                            .toNanos())
                    : null;
            try {
                List<Duration> checks = heapChecks(run.minutes(), run.heapCheckMinutes());
                int nextCheck = 0;
                for (long minute = 1; minute <= run.minutes(); minute++) {
                    sleepUntil(start, Duration.ofMinutes(minute));
                    LOG.info(
                            "minute {}: {} turns sent, {} errors, {} failures, {} late",
                            minute,
                            traffic.sentSoFar(),
                            traffic.errorsSoFar(),
                            traffic.failuresSoFar(),
                            traffic.lateSoFar());
                    while (nextCheck < checks.size() && checks.get(nextCheck).toMinutes() == minute) {
                        heaps.add(HeapCheck.measure(Duration.ofMinutes(minute)));
                        nextCheck++;
                    }
                }
            } finally {
                if (chaos != null) {
                    chaos.close();
                    faults = Optional.of(new Faults(
                            chaos.rounds(),
                            chaos.cut(),
                            chaos.outages(),
                            chaos.commitsFailed(),
                            chaos.rowsLocked(),
                            chaos.lastCutNanos()));
                }
            }
            outcome = new Outcome(traffic.sentSoFar() - sentAtStart, (System.nanoTime() - start) / 1e9);
            drained = traffic.stop();
            totals = traffic.totals();
            latencies = traffic.latencies();
            sessionsLeft = count(server, databases.sessions(), "select count(*) from tabletalk_session");
            writes = traffic.ledger().check(target);
        }
        // the servers are closed now, so every audit append has landed
        return report(
                run,
                outcome,
                totals,
                latencies,
                drained,
                sessionsLeft,
                heaps,
                writes,
                faults,
                server,
                databases.audit());
    }

    /** The target's connections (told by their application name: the target shares its database) and each store's. */
    private static List<SoakChaos.Victim> victims(Databases databases) {
        return List.of(
                SoakChaos.Victim.application("target", TARGET_APPLICATION, databases.schema(), "customers"),
                SoakChaos.Victim.database("session store", databases.sessions(), "tabletalk_session"),
                SoakChaos.Victim.database("shared state", databases.shared(), "tabletalk_rate_bucket"),
                SoakChaos.Victim.database("audit store", databases.audit(), "ai_audit_log"));
    }

    /**
     * The measured minutes: every {@code every} minutes to the end, the first of them the reference. A conversation
     * lives about 2.5 minutes (30 s of turns, then the 2-minute idle TTL), so the number of live conversations, and
     * the heap with it, only settles after that: a reference taken earlier would be measured against a growing
     * population. Short runs (fewer than two intervals) take their reference after one minute.
     */
    private static List<Duration> heapChecks(int minutes, int every) {
        long first = minutes >= 2 * every ? every : 1;
        List<Duration> checks = new ArrayList<>();
        checks.add(Duration.ofMinutes(first));
        for (long minute = first + every; minute <= minutes; minute += every) {
            checks.add(Duration.ofMinutes(minute));
        }
        return checks;
    }

    private static void sleepUntil(long start, Duration offset) throws InterruptedException {
        long wait = start + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private record Outcome(long turns, double seconds) {
        double turnsPerSecond() {
            return turns / seconds;
        }
    }

    private static long count(DatabaseServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean report(
            Run run,
            Outcome outcome,
            SoakTraffic.Totals totals,
            LatencyHistogram latencies,
            boolean drained,
            long sessionsLeft,
            List<HeapCheck> heaps,
            SoakLedger.Writes writes,
            Optional<Faults> faults,
            DatabaseServer server,
            String audit)
            throws SQLException, IOException {
        long turnRecords = count(server, audit, "select count(*) from ai_audit_log where outcome <> 'pending'");
        long pendingRecords = count(server, audit, "select count(*) from ai_audit_log where outcome = 'pending'");
        AuditTrail.Chain chain;
        try (AuditStore store = AuditStore.open(server.urlWithUser(audit))) {
            chain = store.verify();
        }
        List<String> lines = new ArrayList<>();
        boolean passed = true;
        LOG.info(
                "Soak: {} min, {} turns/s target, {} tenants, 2 servers, PostgreSQL target, session store, shared state"
                        + " and audit chain; idle TTL {} s, {} new sessions/s{}",
                run.minutes(),
                run.rate(),
                run.tenants(),
                SoakNode.IDLE_TTL.toSeconds(),
                NEW_SESSIONS_PER_SECOND,
                run.chaotic() ? "; connections cut every " + run.chaos().toSeconds() + " s" : "");
        LOG.info(String.format(
                Locale.ROOT,
                "  turns sent %d (%d, %d per server), achieved %.1f turns/s, p50 %.1f ms, p99 %.1f ms, late starts %d"
                        + " (> %d ms after their time), %d given up (> %d s behind)",
                totals.sent(),
                totals.perServer()[0],
                totals.perServer()[1],
                outcome.turnsPerSecond(),
                latencies.percentileMillis(50),
                latencies.percentileMillis(99),
                totals.late(),
                SoakTraffic.LATE_AFTER.toMillis(),
                totals.givenUp(),
                SoakTraffic.GIVE_UP_AFTER.toSeconds()));
        LOG.info(
                "  sessions opened {}, left alone after {} s {}, in the session store at the end {} (the others dropped by"
                        + " the idle TTL or the cap of 20 per user)",
                totals.conversationsOpened(),
                SoakTraffic.SESSION_LIFETIME.toSeconds(),
                totals.conversationsRetired(),
                sessionsLeft);
        totals.samples().forEach(sample -> LOG.info("  unexpected reply: {}", sample));

        boolean noError = drained && totals.errors() == 0 && totals.answered() == totals.sent();
        passed &= noError;
        lines.add(verdict(noError)
                + String.format(
                        Locale.ROOT,
                        " %s: %d replies of %d turns, %d unexpected, %d failed honestly (%s)%s",
                        run.chaotic() ? "every reply honest" : "no error",
                        totals.answered(),
                        totals.sent(),
                        totals.errors(),
                        totals.failures(),
                        totals.failureCodes().isEmpty() ? "none" : new TreeMap<>(totals.failureCodes()),
                        drained ? "" : ", some turns never answered"));
        if (faults.isPresent()) {
            long lastCut = faults.get().lastCutNanos();
            boolean recovered = faults.get().rounds() > 0 && totals.lastFailureNanos() < lastCut + RECOVERY.toNanos();
            passed &= recovered;
            lines.add(verdict(recovered)
                    + String.format(
                            Locale.ROOT,
                            " recovered: %d rounds of faults (connections cut: %s; outages: %s; commits failed: %s; rows"
                                    + " locked: %d),"
                                    + " the last %d s before the end; the last failed turn began %s (at most %d s after"
                                    + " it)",
                            faults.get().rounds(),
                            new TreeMap<>(faults.get().cut()),
                            new TreeMap<>(faults.get().outages()),
                            new TreeMap<>(faults.get().commitsFailed()),
                            faults.get().rowsLocked(),
                            QUIET.toSeconds(),
                            totals.failures() == 0
                                    ? "never"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.1f s %s it",
                                            Math.abs(totals.lastFailureNanos() - lastCut) / 1e9,
                                            totals.lastFailureNanos() < lastCut ? "before" : "after"),
                            RECOVERY.toSeconds()));
        }

        boolean heapWithin = heaps.size() >= 2;
        StringBuilder heapLine = new StringBuilder();
        for (HeapCheck heap : heaps) {
            double ratio = (double) heap.usedBytes() / heaps.get(0).usedBytes();
            heapWithin &= Math.abs(ratio - 1) <= HEAP_TOLERANCE;
            heapLine.append(String.format(
                    Locale.ROOT,
                    " min %d %.1f MB (%+.1f%%, %d threads);",
                    heap.at().toMinutes(),
                    heap.megabytes(),
                    (ratio - 1) * 100,
                    heap.threads()));
        }
        passed &= heapWithin;
        lines.add(verdict(heapWithin) + " heap after full GC within 10% of the first (the first the reference):"
                + heapLine);
        if (heaps.size() >= 2) {
            HeapCheck first = heaps.get(0);
            HeapCheck last = heaps.get(heaps.size() - 1);
            LOG.info(
                    "  live bytes that grew most from minute {} to minute {}:",
                    first.at().toMinutes(),
                    last.at().toMinutes());
            ClassHistogram.read(last.histogram())
                    .grownSince(ClassHistogram.read(first.histogram()), 12)
                    .forEach(line -> LOG.info("    {}", line));
        }

        passed &= writes.passed();
        lines.add(verdict(writes.passed())
                + String.format(
                        Locale.ROOT,
                        " no lost or duplicate write: %d creates done, %d found, %d duplicated, %d present though not"
                                + " done; %d of unknown outcome (%d present); %d updates done, %d of unknown outcome,"
                                + " %d cities not as the replies said",
                        writes.createsDone(),
                        writes.createsFound(),
                        writes.duplicates(),
                        writes.presentThoughNotDone(),
                        writes.createsUnknown(),
                        writes.unknownPresent(),
                        writes.updatesDone(),
                        writes.updatesUnknown(),
                        writes.citiesWrong()));

        int writesDone = writes.createsDone() + writes.updatesDone();
        // with faults, a turn refused because the audit store did not answer has no record, and a write whose
        // resolution could not be written has only the commit gate's pending record, which the chain lists as
        // unresolved: every other turn has its own record, and no turn two
        long unaudited = totals.failureCodes().getOrDefault("audit_unavailable", 0L);
        long unresolved = chain.unresolvedWrites().size();
        boolean auditExact = run.chaotic()
                ? chain.intact()
                        && turnRecords <= totals.sent()
                        && turnRecords + unresolved >= totals.sent() - unaudited
                : turnRecords == totals.sent()
                        && chain.intact()
                        && chain.unresolvedWrites().isEmpty()
                        && pendingRecords == writesDone
                        && chain.entriesChecked() == turnRecords + pendingRecords;
        passed &= auditExact;
        lines.add(verdict(auditExact)
                + String.format(
                        Locale.ROOT,
                        " %s: %d turn records for %d turns (+ %d commit-gate pending records, %d writes done); chain %s,"
                                + " %d entries checked, %d unresolved writes",
                        run.chaotic()
                                ? "one audit record per /chat turn, but for turns refused as unaudited (" + unaudited
                                        + ") and writes left unresolved"
                                : "one audit record per /chat turn",
                        turnRecords,
                        totals.sent(),
                        pendingRecords,
                        writesDone,
                        chain.intact() ? "intact" : "broken at " + chain.brokenAt() + ": " + chain.problem(),
                        chain.entriesChecked(),
                        chain.unresolvedWrites().size()));
        lines.forEach(LOG::info);
        return passed;
    }

    private static String verdict(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }
}
