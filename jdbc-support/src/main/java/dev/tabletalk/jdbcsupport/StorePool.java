package dev.tabletalk.jdbcsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The connection pool of one of TableTalk's own stores (the audit log, the sessions, the shared state), opened the
 * same way for each: patient once, for the first connection (a busy machine can take seconds to create or recover a
 * store), then quick to notice a store that goes down ({@link Settings#connectionTimeout()} per connection, from the
 * start). An unreachable store is reported by the start-up's own first connection, so the store module can say
 * which store it is. While it is down, only one request at a time waits for it (see {@link #dataSource()}).
 *
 * <p>Thread-safe. {@link #close()} releases the connections.
 */
public final class StorePool implements AutoCloseable {

    /** How long the start-up may wait for a connection, at least. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    /** A {@code password=} parameter of a URL (its value runs to the next {@code &} or {@code ;}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    private final FailFastDataSource connections;

    private StorePool(HikariDataSource pool, Settings settings) {
        Properties login = new Properties();
        settings.user().ifPresent(user -> login.setProperty("user", user));
        settings.password().ifPresent(password -> login.setProperty("password", password));
        this.connections = new FailFastDataSource(pool, settings.url(), login);
    }

    /** {@code url} with the value of a {@code password=} parameter it may carry masked, for logs and messages. */
    public static String redactedUrl(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /**
     * Where a store lives and how many connections to it a server holds: checked alike for every store, with
     * messages that name the store.
     *
     * @param store what the store is called in messages ("audit store", "session store"); its pool is named after
     *     it
     * @param url a JDBC URL ({@code jdbc:...})
     * @param user the user, if not in the URL
     * @param password the password, if any
     * @param maxPoolSize the most connections held open, at least 1
     * @param connectionTimeout how long to wait for a connection before the store counts as down, at least 250 ms
     */
    public record Settings(
            String store,
            String url,
            Optional<String> user,
            Optional<String> password,
            int maxPoolSize,
            Duration connectionTimeout) {

        public Settings {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("the " + store + " URL must be a JDBC URL (jdbc:...)");
            }
            if (maxPoolSize < 1) {
                throw new IllegalArgumentException("maxPoolSize must be at least 1");
            }
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
            }
        }

        /**
         * Checks a store's statement timeout alike for every store.
         *
         * @throws IllegalArgumentException when it is under one second
         */
        public static void checkStatementTimeout(Duration statementTimeout) {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (statementTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("statementTimeout must be at least 1 s");
            }
        }

        /** The URL with the value of a {@code password=} parameter it may carry masked, for logs and messages. */
        public String redactedUrl() {
            return StorePool.redactedUrl(url);
        }

        /** This configuration for a log line or {@code config show}: never the password. */
        public String describe() {
            return "url=" + redactedUrl() + ", user=" + user.orElse("") + ", password="
                    + (password.isPresent() ? "***" : "") + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout="
                    + connectionTimeout;
        }
    }

    /**
     * Opens the pool, waits up to 10 s for its first connection, then runs {@code startUp} on it (creating or
     * migrating the store's tables, typically) and returns what {@code startUp} made. When {@code startUp} throws,
     * the pool is closed and the exception passed on.
     *
     * <p>The configured connection timeout holds from the start: HikariCP applies a timeout changed on a running
     * pool only at its next housekeeping, up to 30 s later, so the patience is a wait for the first connection
     * instead of a longer timeout.
     *
     * @param noDriver makes the exception thrown when the URL cannot be used (no JDBC driver on the class path
     *     takes it), from a message that names the store and a cause
     * @throws RuntimeException what {@code noDriver} makes, or what {@code startUp} throws
     */
    public static <T> T open(
            Settings settings,
            BiFunction<String, Throwable, ? extends RuntimeException> noDriver,
            Function<StorePool, T> startUp) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(noDriver, "noDriver");
        Objects.requireNonNull(startUp, "startUp");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tabletalk-" + settings.store().replace(' ', '-'));
        hikari.setJdbcUrl(settings.url());
        settings.user().ifPresent(hikari::setUsername);
        settings.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(settings.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        long connectionTimeout = settings.connectionTimeout().toMillis();
        hikari.setConnectionTimeout(connectionTimeout);
        hikari.setValidationTimeout(Math.min(1000, connectionTimeout));
        hikari.setExceptionOverride(LostConnectionEviction.INSTANCE);
        // start even when the store is down: the start-up's first connection reports it
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // with no initialization wait, only a URL no driver takes fails here
            throw noDriver.apply(
                    "The " + settings.store() + " URL " + settings.url().replaceAll("[?;].*", "")
                            + " cannot be used: no JDBC driver on the class path takes it."
                            + " Use jdbc:postgresql:, jdbc:mariadb: or jdbc:h2:.",
                    e);
        }
        try {
            awaitFirstConnection(pool, connectionTimeout);
            return startUp.apply(new StorePool(pool, settings));
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Asks for connections until one comes or {@link #STARTUP_TIMEOUT} (less one connection timeout, left to the
     * start-up's own first connection, which reports a store that stays down) has passed.
     */
    private static void awaitFirstConnection(HikariDataSource pool, long connectionTimeoutMillis) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos() - connectionTimeoutMillis * 1_000_000;
        do {
            try {
                pool.getConnection().close();
                return;
            } catch (SQLException e) {
                // not yet: try again until the deadline
            }
        } while (System.nanoTime() < deadline);
    }

    /**
     * The pooled connections. Once a wait for one failed because the store could not be reached, every request fails
     * at once with that failure until a connection can be made again ({@link FailFastDataSource}).
     */
    public DataSource dataSource() {
        return connections;
    }

    /** Closes every connection of the pool. */
    @Override
    public void close() {
        connections.close();
    }
}
