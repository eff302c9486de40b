package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.jdbcsupport.CommitOutcomeUnknownException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.SqlErrorKind;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.StorePool;
import dev.tabletalk.jdbcsupport.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The store several TableTalk servers share ({@code sharedState.url}): rate-limit buckets, the read-only switch,
 * the count of reloads and the operator's latest connect, in three small tables ({@code tabletalk_rate_bucket},
 * {@code tabletalk_operator_state}, {@code tabletalk_connect_target})
 * on PostgreSQL, MariaDB or H2, created when missing. Open it once per server; every server of one deployment
 * names the same database. Thread-safe.
 */
public final class JdbcSharedState implements AutoCloseable {

    /** How old an answer of the read-only switch may be: a switch reaches every server within about this. */
    public static final Duration SWITCH_MAX_AGE = Duration.ofMillis(500);

    /** A password in a URL's parameters or its user information. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=|//[^/@?]*:[^/@?]*@)");

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_POOL_SIZE = 8;

    private final DataSource dataSource;
    private final Optional<StorePool> ownedPool;
    private final JdbcTokenBuckets buckets;
    private final SharedReadOnlySwitch readOnlySwitch;

    private JdbcSharedState(
            DataSource dataSource, Optional<StorePool> ownedPool, Clock clock, Optional<Dialect> dialect) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.buckets = new JdbcTokenBuckets(dataSource, clock, dialect);
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
        Optional<Dialect> dialect = createTables(dataSource);
        return new JdbcSharedState(dataSource, Optional.empty(), clock, dialect);
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
            Optional<Dialect> dialect = createTables(pool.dataSource());
            return new JdbcSharedState(pool.dataSource(), Optional.of(pool), clock, dialect);
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
        try {
            return Transactions.statements(dataSource, connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                                "SELECT reloads FROM " + StateSchema.OPERATOR + " WHERE id = 1");
                        ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            });
        } catch (SQLException e) {
            throw unavailable("the reload count could not be read", e);
        }
    }

    /**
     * Records one more reload, for the other servers to follow.
     *
     * @return the reload count after this one
     * @throws DependencyUnavailableException when the store cannot be written (its outcome may be unknown: see
     *     {@link #outcomeUnknown})
     */
    public long announceReload() {
        try {
            return Transactions.run(dataSource, connection -> {
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

    /**
     * The operator's latest connect, for every server to follow ({@link SharedTarget#none()} before the first).
     *
     * @throws DependencyUnavailableException when the store cannot be read
     */
    public SharedTarget target() {
        try {
            return Transactions.statements(dataSource, connection -> {
                try (PreparedStatement select =
                                connection.prepareStatement("SELECT generation, description, url, sealed FROM "
                                        + StateSchema.TARGET + " WHERE id = 1");
                        ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getLong(1) == 0) {
                        return SharedTarget.none();
                    }
                    return new SharedTarget(
                            row.getLong(1),
                            row.getString(2),
                            Optional.ofNullable(row.getString(3)),
                            row.getInt(4) != 0);
                }
            });
        } catch (SQLException e) {
            throw unavailable("the connect target could not be read", e);
        }
    }

    /**
     * Records a connect to a URL that carries no password, for the other servers to follow: the URL is kept as
     * given (its user, host and options are no secret).
     *
     * @param description the database without credentials, as the status shows it
     * @return the target generation of this connect
     * @throws IllegalArgumentException when the URL carries a password (announce it sealed instead)
     * @throws DependencyUnavailableException when the store cannot be written (its outcome may be unknown: see
     *     {@link #outcomeUnknown})
     */
    public long announceTarget(String description, String url) {
        Objects.requireNonNull(url, "url");
        if (PASSWORD.matcher(url).find()) {
            throw new IllegalArgumentException("a URL with a password is never kept in clear: seal it with the key");
        }
        return announce(description, url, false);
    }

    /**
     * Records a connect to a URL that carries a password, sealed with {@code key} (the same on every server):
     * the store never holds the password in clear.
     *
     * @return the target generation of this connect
     * @throws DependencyUnavailableException when the store cannot be written (its outcome may be unknown: see
     *     {@link #outcomeUnknown})
     */
    public long announceTarget(String description, String url, SharedKey key) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        return announce(description, key.seal(url), true);
    }

    private long announce(String description, String stored, boolean sealed) {
        Objects.requireNonNull(description, "description");
        try {
            return Transactions.run(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + StateSchema.TARGET
                        + " SET generation = generation + 1, description = ?, url = ?, sealed = ? WHERE id = 1")) {
                    update.setString(1, description.length() > 512 ? description.substring(0, 512) : description);
                    update.setString(2, stored);
                    update.setInt(3, sealed ? 1 : 0);
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("the row of " + StateSchema.TARGET + " is missing", "02000");
                    }
                }
                try (PreparedStatement select = connection.prepareStatement(
                                "SELECT generation FROM " + StateSchema.TARGET + " WHERE id = 1");
                        ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            });
        } catch (SQLException e) {
            throw unavailable("the connect could not be announced", e);
        }
    }

    /**
     * Whether an announce's failure left its outcome unknown: the store's connection was lost after the commit was
     * sent, so the other servers may follow the announce or not. A caller must then say so, never that nothing was
     * changed. Any other failure of an announce changed nothing.
     */
    public static boolean outcomeUnknown(DependencyUnavailableException failure) {
        return failure.getCause() instanceof CommitOutcomeUnknownException;
    }

    /** Stops the sweeps of idle buckets and closes the pool {@link #open} made; a caller's data source stays open. */
    @Override
    public void close() {
        buckets.close();
        ownedPool.ifPresent(StorePool::close);
    }

    /**
     * Creates the tables where missing; returns the store's dialect, where it is one TableTalk knows.
     *
     * @throws ConfigurationException when the store's user may not add the columns a store made by an earlier
     *     version lacks (with the statements its owner runs once)
     */
    private static Optional<Dialect> createTables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Dialect> dialect =
                    Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
            try {
                StateSchema.create(connection);
            } catch (StateSchema.ColumnsNotAdded e) {
                if (dialect.isPresent()
                        && SqlErrors.classify(dialect.get(), (SQLException) e.getCause())
                                == SqlErrorKind.PERMISSION_DENIED) {
                    throw new ConfigurationException(
                            "The shared store's table " + StateSchema.BUCKETS + " was made by an earlier version and "
                                    + "lacks two columns, which the store's user may not add. Run once, as the "
                                    + "table's owner: " + StateSchema.ADD_LIMIT_COLUMNS + ". Then start the servers "
                                    + "again.",
                            e);
                }
                throw e;
            }
            return dialect;
        } catch (SQLException e) {
            throw unavailable("the shared store could not be opened", e);
        }
    }

    private static DependencyUnavailableException unavailable(String message, SQLException e) {
        return DependencyUnavailableException.sharedState(message + " (SQLState " + e.getSQLState() + ")", e);
    }
}
