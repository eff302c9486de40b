package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link TokenBuckets} in one table of the shared store. A take is one conditional {@code UPDATE} that refills the
 * bucket's row for the time passed and takes a token where at least one is there (one round trip), so that two
 * servers taking the last token of one bucket are serialised by the row's lock and only one wins: no token is
 * ever granted twice, and N servers never grant more than the limit. Only when that matches no row (no bucket yet,
 * or too few tokens) does the take run one short transaction that locks the row ({@code SELECT ... FOR UPDATE}),
 * refills it and takes a token or says how long to wait. A bucket that does not exist is inserted full minus the
 * token taken; when two servers insert it at once the loser's duplicate key rolls back and it takes again from the
 * row the winner wrote.
 *
 * <p>Time comes from the injected clock of each server. A server whose clock is behind never refills a bucket
 * backwards (the refill time only moves forward), so skew between servers can only delay a refill, never add
 * tokens.
 */
final class JdbcTokenBuckets implements TokenBuckets {

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Clock clock;
    private final String take;

    /**
     * Buckets in the store behind {@code dataSource}.
     *
     * @param doubleType how the store names a double-precision float in a {@code CAST} ({@code DOUBLE} on MariaDB,
     *     {@code DOUBLE PRECISION} elsewhere)
     */
    JdbcTokenBuckets(DataSource dataSource, Clock clock, String doubleType) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the tokens after refilling for the time passed (parameters: capacity, now, capacity, period in micros),
        // in floating point on every store: H2 would take a parameter beside a BIGINT for a BIGINT
        String asDouble = "CAST(? AS " + doubleType + ")";
        String refilled =
                "LEAST(" + asDouble + ", tokens + GREATEST(0, ? - refilled_at) * " + asDouble + " / " + asDouble + ")";
        this.take = "UPDATE " + StateSchema.BUCKETS + " SET tokens = " + refilled
                + " - 1, refilled_at = GREATEST(refilled_at, ?) WHERE bucket_key = ? AND " + refilled + " >= 1";
    }

    @Override
    public Optional<Duration> take(String key, long capacity, Duration period) {
        check(capacity, period);
        String hashed = hash(key);
        try {
            if (Transactions.statements(dataSource, connection -> takeAtOnce(connection, hashed, capacity, period))) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("taking a rate-limit token failed", e);
        }
        // no bucket yet, or too few tokens: decide under the row's lock (and say how long to wait)
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return Transactions.run(dataSource, connection -> takeLocked(connection, hashed, capacity, period));
            } catch (SQLException e) {
                if (!SqlErrors.isIntegrityViolation(e) && !SqlErrors.isTransactionRollback(e)) {
                    throw unavailable("taking a rate-limit token failed", e);
                }
                // another server created the bucket at the same moment, or a deadlock victim: take again
                last = e;
            }
        }
        throw unavailable("taking a rate-limit token kept conflicting", last);
    }

    @Override
    public void giveBack(String key, long capacity, Duration period) {
        check(capacity, period);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + StateSchema.BUCKETS
                        + " SET tokens = CASE WHEN tokens + 1 > ? THEN ? ELSE tokens + 1 END WHERE bucket_key = ?")) {
            update.setDouble(1, capacity);
            update.setDouble(2, capacity);
            update.setString(3, hash(key));
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
    private boolean takeAtOnce(Connection connection, String key, long capacity, Duration period) throws SQLException {
        long now = micros(clock.now());
        double periodMicros = period.toNanos() / 1_000.0;
        try (PreparedStatement update = connection.prepareStatement(take)) {
            update.setDouble(1, capacity);
            update.setLong(2, now);
            update.setDouble(3, capacity);
            update.setDouble(4, periodMicros);
            update.setLong(5, now);
            update.setString(6, key);
            update.setDouble(7, capacity);
            update.setLong(8, now);
            update.setDouble(9, capacity);
            update.setDouble(10, periodMicros);
            return update.executeUpdate() == 1;
        }
    }

    private Optional<Duration> takeLocked(Connection connection, String key, long capacity, Duration period)
            throws SQLException {
        long now = micros(clock.now());
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tokens, refilled_at FROM " + StateSchema.BUCKETS + " WHERE bucket_key = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    insert(connection, key, capacity - 1, now);
                    return Optional.empty();
                }
                double periodMicros = period.toNanos() / 1_000.0;
                long refilledAt = row.getLong(2);
                long elapsed = Math.max(0, now - refilledAt);
                double tokens = Math.min(capacity, row.getDouble(1) + (double) elapsed * capacity / periodMicros);
                long refilled = Math.max(refilledAt, now);
                if (tokens >= 1) {
                    update(connection, key, tokens - 1, refilled);
                    return Optional.empty();
                }
                update(connection, key, tokens, refilled);
                long waitMicros = (long) Math.ceil((1 - tokens) * periodMicros / capacity);
                return Optional.of(Duration.of(Math.max(1, waitMicros), ChronoUnit.MICROS));
            }
        }
    }

    private static void insert(Connection connection, String key, double tokens, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + StateSchema.BUCKETS + " (bucket_key, tokens, refilled_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setDouble(2, tokens);
            insert.setLong(3, now);
            insert.executeUpdate();
        }
    }

    private static void update(Connection connection, String key, double tokens, long refilledAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + StateSchema.BUCKETS + " SET tokens = ?, refilled_at = ? WHERE bucket_key = ?")) {
            update.setDouble(1, tokens);
            update.setLong(2, refilledAt);
            update.setString(3, key);
            update.executeUpdate();
        }
    }

    private static void check(long capacity, Duration period) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a bucket holds at least 1 token, not " + capacity);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a bucket's period must be positive, not " + period);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
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
