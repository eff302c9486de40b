package dev.tabletalk.benchmarks;

import dev.tabletalk.testkit.db.CommitFaults;
import dev.tabletalk.testkit.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak's faults (#17), two kinds, until {@code stopAtNanos}, so that the run's last stretch shows whether the
 * servers recovered:
 *
 * <ul>
 *   <li>every {@code every}, the connections the servers hold to one of their databases are cut, as a failover, a
 *       restart or a network fault cuts them, with PostgreSQL's {@code pg_terminate_backend} from an administrator's
 *       connection: each victim in turn, and every {@code victims + 1}-th time all of them at once. A statement in
 *       flight fails, and so does the next use of each pooled connection, until the pools have replaced them;
 *   <li>one transaction in {@code 1 / COMMIT_FAULT_RATE} that writes a victim's table (the target's customers, the
 *       sessions, the rate buckets, the audit log) loses its connection during its COMMIT ({@link CommitFaults}: a
 *       deferred trigger ends its own backend), so the client never hears whether it committed (it did not): the
 *       path of an unknown commit outcome, which the cuts alone hardly ever reach. A sequence (not rolled back)
 *       counts them;
 *   <li>every other time a store's turn comes, it is an outage instead of a cut: the store refuses every connection
 *       ({@code ALLOW_CONNECTIONS false}) for half an interval, as while it restarts;
 *   <li>half of every {@code every}, someone else holds the row locks of {@value #LOCKED_TENANTS} random tenants'
 *       customers (an administrator's {@code SELECT ... FOR UPDATE}), longer than a write waits for a lock: a
 *       confirmed update of one of them is refused ("someone else is changing these rows right now"), its preview
 *       kept for a second confirm.
 * </ul>
 */
final class SoakChaos implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoakChaos.class);

    private static final String CUT = "select count(pg_terminate_backend(pid)) from pg_stat_activity"
            + " where pid <> pg_backend_pid() and (datname = ? or application_name = ?)";
    private static final double COMMIT_FAULT_RATE = 0.01;
    private static final String COMMIT_FAULT = "soak_commit_fault";
    private static final int LOCKED_TENANTS = 20;

    /**
     * A database the servers use, and the table whose commits fail at random: found by its database's name, or (the
     * target, which shares the administrator's database) by application name, its table then in its own schema.
     */
    record Victim(String label, String database, String applicationName, String schema, String table) {

        static Victim database(String label, String database, String table) {
            return new Victim(label, database, null, null, table);
        }

        static Victim application(String label, String applicationName, String schema, String table) {
            return new Victim(label, null, applicationName, schema, table);
        }

        /** A connection whose search path finds the table, where the fault's function and counter are made. */
        Connection connect(DatabaseServer server) throws SQLException {
            if (database != null) {
                return server.connect(database);
            }
            Connection connection = server.admin();
            try (Statement statement = connection.createStatement()) {
                // the target's own connections find the fault's counter by the same path (currentSchema)
                statement.execute("set search_path to " + schema);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }
    }

    private final DatabaseServer server;
    private final List<Victim> victims;
    private final Duration every;
    private final long stopAtNanos;
    private final Thread thread;
    private final AtomicLong lastCut = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Long> cut = new TreeMap<>();
    private final Map<String, Long> commitsFailed = new TreeMap<>();
    private final Map<String, Long> outages = new TreeMap<>();
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicLong rowsLocked = new AtomicLong();
    private final int tenants;

    private SoakChaos(DatabaseServer server, List<Victim> victims, int tenants, Duration every, long stopAtNanos) {
        this.server = server;
        this.tenants = tenants;
        this.victims = List.copyOf(victims);
        this.every = every;
        this.stopAtNanos = stopAtNanos;
        this.thread = new Thread(this::run, "soak-chaos");
        this.thread.setDaemon(true);
    }

    /** Starts the cuts, with the commit faults in place; the victims' tables must exist. */
    static SoakChaos start(DatabaseServer server, List<Victim> victims, int tenants, Duration every, long stopAtNanos)
            throws SQLException {
        SoakChaos chaos = new SoakChaos(server, victims, tenants, every, stopAtNanos);
        for (Victim victim : victims) {
            try (Connection connection = victim.connect(server);
                    Statement statement = connection.createStatement()) {
                statement.execute("create sequence " + COMMIT_FAULT);
                CommitFaults.install(
                        connection,
                        victim.table(),
                        COMMIT_FAULT,
                        "IF random() < " + COMMIT_FAULT_RATE + " THEN PERFORM nextval('" + COMMIT_FAULT + "'); "
                                + CommitFaults.END_BACKEND + " END IF;");
            }
        }
        chaos.thread.start();
        return chaos;
    }

    private void run() {
        try {
            cutEvery();
        } finally {
            removeCommitFaults();
        }
    }

    private void cutEvery() {
        try (Connection admin = server.admin();
                PreparedStatement statement = admin.prepareStatement(CUT)) {
            while (true) {
                Thread.sleep(every.toMillis() / 2);
                if (System.nanoTime() >= stopAtNanos) {
                    return;
                }
                holdLocks(every.dividedBy(2));
                int round = rounds.getAndIncrement();
                int turn = round % (victims.size() + 1);
                List<Victim> now = turn == victims.size() ? victims : List.of(victims.get(turn));
                // every other visit of a store is an outage: down for half an interval, not just cut
                boolean outage =
                        now.size() == 1 && now.get(0).database() != null && (round / (victims.size() + 1)) % 2 == 1;
                if (outage) {
                    outage(admin, now.get(0), statement, round);
                } else {
                    for (Victim victim : now) {
                        cut(statement, victim, round);
                    }
                }
                lastCut.set(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.error("the chaos thread lost its own connection; no more cuts", e);
        }
    }

    private void cut(PreparedStatement statement, Victim victim, int round) throws SQLException {
        long connections = cut(statement, victim);
        synchronized (cut) {
            cut.merge(victim.label(), connections, Long::sum);
        }
        LOG.info("chaos round {}: cut {} connections of {}", round + 1, connections, victim.label());
    }

    /** The store refuses every connection for half an interval, its connections cut, as while it restarts. */
    private void outage(Connection admin, Victim store, PreparedStatement statement, int round)
            throws SQLException, InterruptedException {
        try (Statement alter = admin.createStatement()) {
            alter.execute("alter database \"" + store.database() + "\" with allow_connections false");
            try {
                cut(statement, store, round);
                Thread.sleep(every.toMillis() / 2);
            } finally {
                alter.execute("alter database \"" + store.database() + "\" with allow_connections true");
            }
        }
        synchronized (outages) {
            outages.merge(store.label(), 1L, Long::sum);
        }
    }

    /** Outages, by store. */
    Map<String, Long> outages() {
        synchronized (outages) {
            return Map.copyOf(outages);
        }
    }

    /** Holds the row locks of some tenants' customers for {@code hold}, as another writer would. */
    private void holdLocks(Duration hold) throws SQLException, InterruptedException {
        Victim target = victims.stream()
                .filter(victim -> victim.schema() != null)
                .findFirst()
                .orElseThrow();
        StringBuilder companies = new StringBuilder();
        for (int i = 0; i < LOCKED_TENANTS; i++) {
            companies
                    .append(i == 0 ? "" : ", ")
                    .append(ThreadLocalRandom.current().nextInt(tenants) + 1);
        }
        try (Connection connection = target.connect(server);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet locked = statement.executeQuery("select count(*) from (select id from " + target.table()
                    + " where company_id in (" + companies + ") for update) locked")) {
                locked.next();
                rowsLocked.addAndGet(locked.getLong(1));
            }
            Thread.sleep(hold.toMillis());
            connection.rollback();
        }
    }

    /** Rows whose locks were held, summed over the rounds. */
    long rowsLocked() {
        return rowsLocked.get();
    }

    private void removeCommitFaults() {
        for (Victim victim : victims) {
            try (Connection connection = victim.connect(server);
                    Statement statement = connection.createStatement()) {
                CommitFaults.remove(connection, victim.table(), COMMIT_FAULT);
                try (ResultSet rows = statement.executeQuery(
                        "select case when is_called then last_value else 0 end from " + COMMIT_FAULT)) {
                    rows.next();
                    synchronized (commitsFailed) {
                        commitsFailed.put(victim.label(), rows.getLong(1));
                    }
                }
                statement.execute("drop sequence " + COMMIT_FAULT);
            } catch (SQLException e) {
                LOG.error("could not remove the commit faults of {}", victim.label(), e);
            }
        }
        lastCut.set(System.nanoTime());
        LOG.info("faults over: commits failed {}", commitsFailed());
    }

    private static long cut(PreparedStatement statement, Victim victim) throws SQLException {
        statement.setString(1, victim.database());
        statement.setString(2, victim.applicationName());
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** When the last cut was made ({@link System#nanoTime()}), {@link Long#MIN_VALUE} before the first. */
    long lastCutNanos() {
        return lastCut.get();
    }

    int rounds() {
        return rounds.get();
    }

    /** Connections cut, by victim. */
    Map<String, Long> cut() {
        synchronized (cut) {
            return Map.copyOf(cut);
        }
    }

    /** Commits that lost their connection, by victim; known once the faults are over. */
    Map<String, Long> commitsFailed() {
        synchronized (commitsFailed) {
            return Map.copyOf(commitsFailed);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
