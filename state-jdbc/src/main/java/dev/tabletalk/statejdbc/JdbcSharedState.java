package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.jdbcsupport.StorePool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store several TableTalk servers share ({@code sharedState.url}): rate-limit buckets, the read-only switch
 * and the count of reloads, in two small tables ({@code tabletalk_rate_bucket}, {@code tabletalk_operator_state})
 * on PostgreSQL, MariaDB or H2, created when missing. Open it once per server; every server of one deployment
 * names the same database. Thread-safe.
 */
public final class JdbcSharedState implements AutoCloseable {

    /** How old an answer of the read-only switch may be: a switch reaches every server within about this. */
    public static final Duration SWITCH_MAX_AGE = Duration.ofMillis(500);

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_POOL_SIZE = 8;

    private final DataSource dataSource;
    private final Optional<StorePool> ownedPool;
    private final JdbcTokenBuckets buckets;
    private final SharedReadOnlySwitch readOnlySwitch;

    private JdbcSharedState(DataSource dataSource, Optional<StorePool> ownedPool, Clock clock) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.buckets = new JdbcTokenBuckets(dataSource, clock);
        this.readOnlySwitch = new SharedReadOnlySwitch(dataSource, SWITCH_MAX_AGE);
    }

    /**
     * The shared state on the caller's data source (pooled, with a short connection timeout: it decides how fast
     * a down store is noticed), its tables created before this returns.
     *
     * @param clock the time rate-limit buckets refill by
     * @throws DependencyUnavailableException when the store cannot be reached or its tables cannot be created
     */
    public static JdbcSharedState create(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        createTables(dataSource);
        return new JdbcSharedState(dataSource, Optional.empty(), clock);
    }

    /**
     * The shared state at a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code jdbc:h2:}; the
     * credentials in the URL's parameters), on a pool of its own closed by {@link #close()}.
     *
     * @throws ConfigurationException when the URL is not one of those or its driver is missing
     * @throws DependencyUnavailableException when the store cannot be reached or its tables cannot be created
     */
    public static JdbcSharedState open(String url, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigurationException("sharedState.url must be a jdbc:postgresql:, jdbc:mariadb: or jdbc:h2: "
                    + "URL, not " + url.replaceAll("[?;].*", ""));
        }
        StorePool.Settings settings = new StorePool.Settings(
                "shared state store", url, Optional.empty(), Optional.empty(), MAX_POOL_SIZE, CONNECTION_TIMEOUT);
        return StorePool.open(settings, ConfigurationException::new, pool -> {
            createTables(pool.dataSource());
            return new JdbcSharedState(pool.dataSource(), Optional.of(pool), clock);
        });
    }

    /** The rate-limit buckets every server shares. */
    public TokenBuckets tokenBuckets() {
        return buckets;
    }

    /** The read-only switch every server shares ({@link ReadOnlyMode#sharedIn}). */
    public ReadOnlyMode.Store readOnlySwitch() {
        return readOnlySwitch;
    }

    /**
     * How many reloads any server has made: a server that sees the number grow reloads too.
     *
     * @throws DependencyUnavailableException when the store cannot be read
     */
    public long reloads() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT reloads FROM " + StateSchema.OPERATOR + " WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            throw unavailable("the reload count could not be read", e);
        }
    }

    /**
     * Records one more reload, for the other servers to follow.
     *
     * @return the reload count after this one
     * @throws DependencyUnavailableException when the store cannot be written
     */
    public long announceReload() {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcTokenBuckets.inTransaction(connection, () -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + StateSchema.OPERATOR + " SET reloads = reloads + 1 WHERE id = 1")) {
                    update.executeUpdate();
                }
                try (PreparedStatement select = connection.prepareStatement(
                                "SELECT reloads FROM " + StateSchema.OPERATOR + " WHERE id = 1");
                        ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            });
        } catch (SQLException e) {
            throw unavailable("the reload could not be announced", e);
        }
    }

    /** Closes the pool {@link #open} made; a caller's data source stays open. */
    @Override
    public void close() {
        ownedPool.ifPresent(StorePool::close);
    }

    private static void createTables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            StateSchema.create(connection);
        } catch (SQLException e) {
            throw unavailable("the shared store could not be opened", e);
        }
    }

    private static DependencyUnavailableException unavailable(String message, SQLException e) {
        return DependencyUnavailableException.sharedState(message + " (SQLState " + e.getSQLState() + ")", e);
    }
}
