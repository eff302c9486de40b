package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.sessionjdbc.JdbcSessionStore;
import dev.tabletalk.sessionjdbc.SessionStoreConfig;
import dev.tabletalk.statejdbc.JdbcSharedState;
import dev.tabletalk.testkit.db.CountingDriver;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * What the shared stores cost one turn, without HTTP or the engine: on one thread, the JDBC session store's find and
 * save of a read turn's state (a live conversation, and separately a new one) and the two rate-limit takes (user
 * and tenant) of the shared state, on PostgreSQL or MariaDB: taken together as the HTTP adapter does ({@code
 * TokenBuckets.takeAll}), and, as the baseline of the same run, one after the other. Prints per turn the calling
 * thread's CPU, the database processes' CPU (over the runs of that part alone) and the round trips (statements
 * executed plus commits and rollbacks), counted by a JDBC driver wrapped around the database's.
 * Steadier than {@link TurnCostBenchmark} on a shared machine, since it counts one thread's CPU only.
 *
 * <p>Arguments: live sessions (8000: with a turn every few seconds each, so that reads are past the touch lag),
 * warm-up turns (20000), measured turns (20000), the database ({@code postgres} or {@code mariadb}).
 */
public final class StoreTurnBenchmark {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(StoreTurnBenchmark.class);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StoreTurnBenchmark() {}

    /** Runs the benchmark; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        boolean mariaDb = args.length > 3 && args[3].equals("mariadb");
        DatabaseServer server = mariaDb ? DatabaseServers.mariaDb() : DatabaseServers.postgres();
        String database = server.createDatabase("tt_store_turn");
        String url = CountingDriver.counting(server.urlWithUser(database));
        try (JdbcSessionStore store = JdbcSessionStore.open(SessionStoreConfig.of(url));
                HikariDataSource sharedPool = PostgresReads.pool(url, 4);
                JdbcSharedState shared = JdbcSharedState.create(sharedPool, new SystemClock())) {
            TokenBuckets buckets = shared.tokenBuckets();
            String[] ids = new String[sessions];
            for (int i = 0; i < sessions; i++) {
                ids[i] = "s_bench_" + i;
                save(store, ConversationState.start(ids[i], user(i), Optional.of(tenant(i)), Instant.now()), 0);
            }
            Costs live = new Costs();
            Costs limits = new Costs();
            Costs fresh = new Costs();
            run(store, buckets, ids, warmup, new Costs(), new Costs());
            run(store, buckets, ids, measured, live, limits);
            new Costs().measure(2000, i -> newConversation(store, "s_warm_" + i, i));
            fresh.measure(measured / 4, i -> newConversation(store, "s_new_" + i, i));
            // the baseline of the same run: the two takes one after the other, as before takeAll
            Costs separately = new Costs();
            takeSeparately(buckets, ids, warmup / 4, new Costs());
            takeSeparately(buckets, ids, measured, separately);
            LOG.info(
                    "Shared stores on {}, one thread, {} live sessions, load average {}:",
                    mariaDb ? "MariaDB" : "PostgreSQL",
                    sessions,
                    String.format(
                            Locale.ROOT,
                            "%.1f",
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            live.report("session store, live conversation (find + save)");
            fresh.report("session store, new conversation (find + save)");
            limits.report("rate limits, user + tenant together");
            separately.report("rate limits, one take after the other");
        } finally {
            server.dropDatabase(database);
        }
    }

    private static void run(
            JdbcSessionStore store, TokenBuckets buckets, String[] ids, int turns, Costs sessions, Costs limits) {
        sessions.measure(turns, turn -> {
            int i = turn % ids.length;
            ConversationState found = store.find(ids[i]).orElseThrow();
            save(store, found.idle(Instant.now()).withLastRead(read(i, turn)), found.version());
        });
        limits.measure(turns, turn -> {
            int i = turn % ids.length;
            // as the HTTP adapter's rate limiter takes them: the user's and the tenant's token together
            if (buckets.takeAll(List.of(userLimit(i), tenantLimit(i))).isPresent()) {
                throw new IllegalStateException("a rate-limit token was refused");
            }
        });
    }

    /** The baseline of the same run: the user's and the tenant's take one after the other, as before takeAll. */
    private static void takeSeparately(TokenBuckets buckets, String[] ids, int turns, Costs costs) {
        costs.measure(turns, turn -> {
            int i = turn % ids.length;
            for (TokenBuckets.Limit limit : List.of(userLimit(i), tenantLimit(i))) {
                if (buckets.take(limit.key(), limit.capacity(), limit.period()).isPresent()) {
                    throw new IllegalStateException("a rate-limit token was refused");
                }
            }
        });
    }

    private static TokenBuckets.Limit userLimit(int i) {
        return new TokenBuckets.Limit("user\n" + tenant(i) + "\n" + user(i), 1_000_000_000, Duration.ofMinutes(1));
    }

    private static TokenBuckets.Limit tenantLimit(int i) {
        return new TokenBuckets.Limit("tenant\n" + tenant(i), 1_000_000_000, Duration.ofMinutes(1));
    }

    private static void newConversation(JdbcSessionStore store, String id, int i) {
        ConversationState state = store.find(id)
                .orElseGet(() -> ConversationState.start(id, user(i), Optional.of(tenant(i)), Instant.now()));
        save(store, state.withLastRead(read(i, 0)), 0);
    }

    private static void save(JdbcSessionStore store, ConversationState state, long version) {
        if (!(store.save(state, version) instanceof SaveOutcome.Saved)) {
            throw new IllegalStateException("a save conflicted: " + state.sessionId());
        }
    }

    /** A read turn's last read: the customers of the tenant, 50 shown, more to come. */
    private static LastRead read(int i, int turn) {
        ReadPlan plan = new ReadPlan(
                "customers",
                List.of("id", "company_id", "name", "city", "status", "credit_limit", "created_at"),
                List.of(new Filter("status", Op.EQ, "active")),
                List.of(new Sort("id", false)),
                OptionalInt.of(50));
        return new LastRead(
                plan, 1, 0, 50, Optional.of(new Keyset(List.of("id"), List.of((long) i * 50 + turn % 7))), true);
    }

    private static String user(int i) {
        return "u-" + (i % 500 + 1);
    }

    private static String tenant(int i) {
        return Integer.toString(i % 500 + 1);
    }

    /** CPU, allocation and round trips summed over turns. */
    private static final class Costs {
        private long turns;
        private long cpuNanos;
        private long allocatedBytes;
        private long roundTrips;
        private long databaseNanos;

        /**
         * Runs {@code count} turns of this part alone, adding each turn's CPU, allocation and round trips, and the
         * database's CPU over the whole run.
         */
        void measure(int count, IntConsumer turn) {
            long databaseBefore = MachineCpu.now().databaseNanos();
            for (int t = 0; t < count; t++) {
                long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long roundTripsBefore = CountingDriver.roundTrips();
                turn.accept(t);
                turns++;
                cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
                allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
                roundTrips += CountingDriver.roundTrips() - roundTripsBefore;
            }
            databaseNanos += MachineCpu.now().databaseNanos() - databaseBefore;
        }

        void report(String what) {
            LOG.info(String.format(
                    Locale.ROOT,
                    "  %-48s CPU %6.1f us/turn   database CPU %6.1f us/turn   allocated %5.1f KB/turn   round trips"
                            + " %5.2f/turn   (%d turns)",
                    what,
                    cpuNanos / 1e3 / turns,
                    databaseNanos / 1e3 / turns,
                    allocatedBytes / 1024.0 / turns,
                    (double) roundTrips / turns,
                    turns));
        }
    }
}
