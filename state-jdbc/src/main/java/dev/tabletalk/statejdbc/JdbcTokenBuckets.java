package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.jdbcsupport.CommitOutcomeUnknownException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenBuckets} in one table of the shared store. A take is one conditional {@code UPDATE} that refills the
 * bucket's row for the time passed and takes a token where at least one is there (one round trip), so that two
 * servers taking the last token of one bucket are serialised by the row's lock and only one wins: no token is
 * ever granted twice, and N servers never grant more than the limit. Only when that matches no row (no bucket yet,
 * or too few tokens) does the take run one short transaction that locks the row ({@code SELECT ... FOR UPDATE}),
 * refills it and takes a token or says how long to wait. A bucket that does not exist is inserted full minus the
 * token taken; when two servers insert it at once the loser's duplicate key rolls back and it takes again from the
 * row the winner wrote. A request's limits (user and tenant) are taken together ({@link #takeAll}): on PostgreSQL
 * their conditional {@code UPDATE}s go as one batch, one round trip and one commit; on MariaDB as one pipelined batch,
 * one round trip, each committed on its own.
 *
 * <p>Each row keeps the limit it was last taken under, so that a bucket left full for a whole period more (an idle
 * user's or tenant's) is swept: it holds nothing a missing bucket, created full, would not. Each server sweeps at
 * most every {@link #SWEEP_EVERY}, started by one of its takes and run on a thread of its own (never in a request's
 * time), {@value #SWEEP_BATCH} rows at a time, deleting them one by one in the order of their keys (the order a
 * request's takes lock them in), each only if it is still that full under its row's lock. A server whose clock runs
 * ahead by less than a period never sweeps a bucket that is not full.
 *
 * <p>Time comes from the injected clock of each server. A server whose clock is behind never refills a bucket
 * backwards (the refill time only moves forward), so skew between servers can only delay a refill, never add
 * tokens.
 */
final class JdbcTokenBuckets implements TokenBuckets {

    private static final int ATTEMPTS = 3;

    /** How often each server sweeps buckets left full, at most. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** The most rows one batch of a sweep deletes. */
    static final int SWEEP_BATCH = 200;

    /** The most batches of one sweep: a larger backlog is left to the next sweep. */
    private static final int SWEEP_BATCHES = 50;

    /**
     * A bucket full a whole period before the time bound: its tokens refilled to that time reach its capacity. A row
     * from before the limit was kept in it has none and never matches.
     */
    private static final String FULL_A_PERIOD_AGO = "capacity IS NOT NULL AND period_micros > 0"
            + " AND tokens + (? - refilled_at - period_micros) * capacity / period_micros >= capacity";

    private static final Logger log = LoggerFactory.getLogger(JdbcTokenBuckets.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final String take;
    private final boolean takesInOneBatch;
    /** When this server's next sweep is due, in microseconds since the epoch: the first a minute after it opened. */
    private final AtomicLong nextSweep;
    /** Runs the sweeps, one at a time; its thread starts with the first sweep and ends with {@link #close()}. */
    private final ExecutorService sweeper = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tabletalk-bucket-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Buckets in the store behind {@code dataSource}, whose dialect (when known) decides how a double is named in a
     * {@code CAST} ({@code DOUBLE} on MariaDB, {@code DOUBLE PRECISION} elsewhere) and whether {@link #takeAll}
     * sends its takes as one batch.
     */
    JdbcTokenBuckets(DataSource dataSource, Clock clock, Optional<Dialect> dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = new AtomicLong(micros(clock.now()) + micros(SWEEP_EVERY));
        // pgjdbc sends a batch in autocommit as one implicit transaction with exact counts; MariaDB's driver sends
        // it pipelined, each take committed on its own, with exact counts unless its bulk protocol is on
        // (useBulkStmts), whose "no info" counts cannot tell which bucket gave a token: asked once here. H2 runs
        // in the process, where a round trip costs nothing to save.
        this.takesInOneBatch = dialect.filter(
                        d -> d == Dialect.POSTGRESQL || d.isMySqlFamily() && answersExactBatchCounts(dataSource))
                .isPresent();
        String doubleType = dialect.filter(Dialect::isMySqlFamily).isPresent() ? "DOUBLE" : "DOUBLE PRECISION";
        // the tokens after refilling for the time passed (parameters: capacity, now, capacity, period in micros),
        // in floating point on every store: H2 would take a parameter beside a BIGINT for a BIGINT
        String asDouble = "CAST(? AS " + doubleType + ")";
        String refilled =
                "LEAST(" + asDouble + ", tokens + GREATEST(0, ? - refilled_at) * " + asDouble + " / " + asDouble + ")";
        this.take = "UPDATE " + StateSchema.BUCKETS + " SET tokens = " + refilled
                + " - 1, refilled_at = GREATEST(refilled_at, ?), capacity = ?, period_micros = ?"
                + " WHERE bucket_key = ? AND " + refilled + " >= 1";
    }

    @Override
    public Optional<Duration> take(String key, long capacity, Duration period) {
        Limit limit = new Limit(key, capacity, period); // at least one token, a positive period
        String hashed = hash(limit.key());
        long now = micros(clock.now());
        boolean taken;
        try {
            taken = Transactions.statements(
                    dataSource, connection -> takeAtOnce(connection, hashed, capacity, period, now));
        } catch (SQLException e) {
            throw unavailable("taking a rate-limit token failed", e);
        }
        Optional<Duration> wait = taken ? Optional.empty() : takeUnderLock(hashed, capacity, period);
        sweepIfDue(now);
        return wait;
    }

    /**
     * On PostgreSQL, the conditional {@code UPDATE}s of every bucket go as one batch: one round trip and one commit
     * for a request's user and tenant limits together. A bucket the batch did not take from (missing, or too few
     * tokens) is then decided under its row's lock, in the order given; when one refuses, the tokens taken are given
     * back. The batch touches the rows in the order of their keys, so two batches never wait on each other in a
     * circle.
     */
    @Override
    public Optional<Duration> takeAll(List<Limit> limits) {
        if (!takesInOneBatch || limits.size() < 2) {
            return TokenBuckets.super.takeAll(limits);
        }
        List<String> keys = limits.stream().map(limit -> hash(limit.key())).toList();
        long now = micros(clock.now());
        boolean[] taken;
        try {
            taken = Transactions.statements(dataSource, connection -> takeAllAtOnce(connection, keys, limits, now));
        } catch (SQLException e) {
            throw unavailable("taking rate-limit tokens failed", e);
        }
        // the buckets this call holds a token of, to give back if one refuses
        List<Limit> holding = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            if (taken[i]) {
                holding.add(limits.get(i));
            }
        }
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            if (taken[i]) {
                continue;
            }
            Optional<Duration> wait = takeUnderLock(keys.get(i), limit.capacity(), limit.period());
            if (wait.isPresent()) {
                holding.forEach(back -> giveBack(back.key(), back.capacity(), back.period()));
                return wait;
            }
            holding.add(limit);
        }
        sweepIfDue(now);
        return Optional.empty();
    }

    @Override
    public void giveBack(String key, long capacity, Duration period) {
        Limit limit = new Limit(key, capacity, period);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + StateSchema.BUCKETS
                        + " SET tokens = CASE WHEN tokens + 1 > ? THEN ? ELSE tokens + 1 END WHERE bucket_key = ?")) {
            update.setDouble(1, limit.capacity());
            update.setDouble(2, limit.capacity());
            update.setString(3, hash(limit.key()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("giving back a rate-limit token failed", e);
        }
    }

    /**
     * Takes a token with one conditional {@code UPDATE} (one round trip, no transaction of its own): it refills the
     * bucket for the time passed and takes the token only where that leaves at least one, so two servers taking the
     * last token are serialised by the row's lock and only one matches. The refill is computed as in
     * {@link #takeLocked}, in the same order of operations, so both paths agree to the last bit. Assignments are
     * written so that MariaDB, which assigns from left to right, computes the tokens from the old refill time.
     *
     * @return whether a token was taken; {@code false} when the bucket is missing or holds less than one token
     */
    private boolean takeAtOnce(Connection connection, String key, long capacity, Duration period, long now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(take)) {
            bindTake(update, key, capacity, period, now);
            return update.executeUpdate() == 1;
        }
    }

    /** {@link #takeAtOnce} of every bucket in one batch, sent in the order of the keys; which of them took a token. */
    private boolean[] takeAllAtOnce(Connection connection, List<String> keys, List<Limit> limits, long now)
            throws SQLException {
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(keys::get));
        try (PreparedStatement update = connection.prepareStatement(take)) {
            for (int i : order) {
                bindTake(
                        update,
                        keys.get(i),
                        limits.get(i).capacity(),
                        limits.get(i).period(),
                        now);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean[] taken = new boolean[keys.size()];
            for (int k = 0; k < order.length; k++) {
                if (counts[k] != 0 && counts[k] != 1) {
                    throw new IllegalStateException("a bucket's take changed " + counts[k] + " rows");
                }
                taken[order[k]] = counts[k] == 1;
            }
            return taken;
        }
    }

    /**
     * Whether a batch of {@code UPDATE}s on this store answers how many rows each changed, not
     * {@link Statement#SUCCESS_NO_INFO}: two that match no bucket (a key no hash has) are sent, changing nothing.
     * A store that cannot be asked now is taken as not answering them: each take is then its own statement.
     */
    private static boolean answersExactBatchCounts(DataSource dataSource) {
        try {
            return Transactions.statements(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + StateSchema.BUCKETS + " SET tokens = tokens WHERE bucket_key = ?")) {
                    for (String key : List.of("no bucket", "no bucket either")) {
                        update.setString(1, key);
                        update.addBatch();
                    }
                    return Arrays.equals(update.executeBatch(), new int[] {0, 0});
                }
            });
        } catch (SQLException e) {
            log.warn(
                    "The shared state store could not be asked how it counts a batch; rate limits are taken one "
                            + "statement at a time (SQLState {}).",
                    e.getSQLState());
            return false;
        }
    }

    /**
     * Binds {@link #take}: the refilled tokens, the new refill time and limit, the key, and the refilled tokens again
     * for the condition.
     */
    private void bindTake(PreparedStatement update, String key, long capacity, Duration period, long now)
            throws SQLException {
        double periodMicros = periodMicros(period);
        int next = bindRefilled(update, 1, capacity, now, periodMicros);
        update.setLong(next++, now);
        update.setDouble(next++, capacity);
        update.setDouble(next++, periodMicros);
        update.setString(next++, key);
        bindRefilled(update, next, capacity, now, periodMicros);
    }

    /** Binds the four parameters of the refill expression from {@code first}; returns the index after them. */
    private static int bindRefilled(PreparedStatement update, int first, long capacity, long now, double periodMicros)
            throws SQLException {
        update.setDouble(first, capacity);
        update.setLong(first + 1, now);
        update.setDouble(first + 2, capacity);
        update.setDouble(first + 3, periodMicros);
        return first + 4;
    }

    /** No bucket yet, or too few tokens: decides under the row's lock (and says how long to wait). */
    private Optional<Duration> takeUnderLock(String key, long capacity, Duration period) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return Transactions.run(dataSource, connection -> takeLocked(connection, key, capacity, period));
            } catch (SQLException e) {
                boolean takeAgain = SqlErrors.isIntegrityViolation(e)
                        || SqlErrors.isTransactionRollback(e)
                        || e instanceof CommitOutcomeUnknownException;
                if (!takeAgain) {
                    throw unavailable("taking a rate-limit token failed", e);
                }
                // another server created the bucket at the same moment, a deadlock victim, or a commit whose answer
                // was lost (it may have taken: taking again takes at most one token more, and never grants more)
                last = e;
            }
        }
        throw unavailable("taking a rate-limit token kept conflicting", last);
    }

    private Optional<Duration> takeLocked(Connection connection, String key, long capacity, Duration period)
            throws SQLException {
        long now = micros(clock.now());
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tokens, refilled_at FROM " + StateSchema.BUCKETS + " WHERE bucket_key = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                double periodMicros = periodMicros(period);
                if (!row.next()) {
                    insert(connection, key, capacity - 1, now, capacity, periodMicros);
                    return Optional.empty();
                }
                long refilledAt = row.getLong(2);
                long elapsed = Math.max(0, now - refilledAt);
                double tokens = Math.min(capacity, row.getDouble(1) + (double) elapsed * capacity / periodMicros);
                long refilled = Math.max(refilledAt, now);
                if (tokens >= 1) {
                    update(connection, key, tokens - 1, refilled, capacity, periodMicros);
                    return Optional.empty();
                }
                update(connection, key, tokens, refilled, capacity, periodMicros);
                long waitMicros = (long) Math.ceil((1 - tokens) * periodMicros / capacity);
                return Optional.of(Duration.of(Math.max(1, waitMicros), ChronoUnit.MICROS));
            }
        }
    }

    private static void insert(
            Connection connection, String key, double tokens, long now, long capacity, double periodMicros)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + StateSchema.BUCKETS
                + " (bucket_key, tokens, refilled_at, capacity, period_micros) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setDouble(2, tokens);
            insert.setLong(3, now);
            insert.setDouble(4, capacity);
            insert.setDouble(5, periodMicros);
            insert.executeUpdate();
        }
    }

    private static void update(
            Connection connection, String key, double tokens, long refilledAt, long capacity, double periodMicros)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + StateSchema.BUCKETS
                + " SET tokens = ?, refilled_at = ?, capacity = ?, period_micros = ? WHERE bucket_key = ?")) {
            update.setDouble(1, tokens);
            update.setLong(2, refilledAt);
            update.setDouble(3, capacity);
            update.setDouble(4, periodMicros);
            update.setString(5, key);
            update.executeUpdate();
        }
    }

    /**
     * Starts a sweep of the buckets left full for a whole period more on the sweeper's thread, when this server's
     * sweep is due. A sweep that fails is logged: the next one looks again.
     */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + micros(SWEEP_EVERY))) {
            return;
        }
        try {
            sweeper.execute(() -> {
                try {
                    for (int batch = 0; batch < SWEEP_BATCHES && sweep(now) == SWEEP_BATCH; batch++) {
                        // a full batch: more may be left
                    }
                } catch (SQLException e) {
                    log.warn(
                            "sweeping idle rate-limit buckets failed (SQLState {}); the next sweep looks again",
                            e.getSQLState());
                } catch (RuntimeException e) {
                    // a driver or pool failing unchecked: the store failing too
                    log.warn("sweeping idle rate-limit buckets failed ({}); the next sweep looks again", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the other servers sweep
        }
    }

    /** Stops the sweeps; a sweep under way finishes its batch. */
    void close() {
        sweeper.shutdown();
    }

    /**
     * Deletes up to {@value #SWEEP_BATCH} buckets that were full a whole period ago.
     *
     * @return how many buckets were found to sweep
     */
    int sweep(long now) throws SQLException {
        List<String> keys = sweepable(now);
        deleteIfStillFull(keys, now);
        return keys.size();
    }

    /** The keys of up to {@value #SWEEP_BATCH} buckets that were full a whole period before {@code now}, in order. */
    List<String> sweepable(long now) throws SQLException {
        return Transactions.statements(dataSource, connection -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT bucket_key FROM " + StateSchema.BUCKETS
                    + " WHERE " + FULL_A_PERIOD_AGO + " ORDER BY bucket_key LIMIT " + SWEEP_BATCH)) {
                select.setLong(1, now);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /**
     * Deletes the buckets {@code keys} as one batch of single-row {@code DELETE}s in the order of their keys (the
     * order a request's takes lock them in, so the two never wait on each other in a circle), each only if its bucket
     * is still full a whole period before {@code now} under the row's lock: a bucket taken from since it was found
     * stays as the take left it.
     */
    void deleteIfStillFull(List<String> keys, long now) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> inOrder = keys.stream().sorted().toList();
        Transactions.statements(dataSource, connection -> {
            // the shared store's own table, in its own database (never the target: invariant 1)
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + StateSchema.BUCKETS + " WHERE bucket_key = ? AND " + FULL_A_PERIOD_AGO)) {
                for (String key : inOrder) {
                    delete.setString(1, key);
                    delete.setLong(2, now);
                    delete.addBatch();
                }
                return delete.executeBatch();
            }
        });
    }

    private static double periodMicros(Duration period) {
        return period.toNanos() / 1_000.0;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static DependencyUnavailableException unavailable(String message, SQLException e) {
        return DependencyUnavailableException.sharedState(
                message + " (SQLState " + (e == null ? "none" : e.getSQLState()) + ")", e);
    }
}
