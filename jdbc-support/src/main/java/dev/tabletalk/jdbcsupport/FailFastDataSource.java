package dev.tabletalk.jdbcsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's pooled connections, answered at once while the store is known to be down (a circuit breaker). Once a
 * wait for a connection ended because the pool could not reach the store, every request fails at once with that
 * failure, and a watcher thread tries a connection of its own, outside the pool, every {@link #RETRY} until one
 * comes, which closes the circuit (outside the pool, because HikariCP backs off for up to a second between its own
 * tries after failures). A wait that ended only because every connection was in use (the store reachable, the pool
 * busy) opens nothing.
 *
 * <p>Without it, during an outage every turn waited the whole connection timeout before it was told the store is
 * unavailable, a busy server held a thread for each, and the audit log's writer, which waits for all the turns it
 * writes, held every turn with it.
 *
 * <p>Thread-safe. {@link #close()} closes the pool (and so ends the watcher). A class that adds a pool's own interface
 * extends it ({@link #FailFastDataSource(HikariDataSource, String, Properties)}).
 */
public class FailFastDataSource implements DataSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

    /** How often the watcher tries the store while it is down. */
    static final Duration RETRY = Duration.ofMillis(100);

    private final HikariDataSource pool;
    private final Callable<Connection> probe;
    private final AtomicBoolean watching = new AtomicBoolean();
    /** Why the last wait for a connection failed, while the store is down; null while it answers. */
    private volatile SQLException down;

    /**
     * @param pool the store's pool
     * @param probe opens a connection to the store outside the pool (closed at once), to find it answers again
     */
    FailFastDataSource(HikariDataSource pool, Callable<Connection> probe) {
        this.pool = pool;
        this.probe = probe;
    }

    /**
     * The connections of {@code pool}, answered at once while the database behind it cannot be reached; the watcher
     * connects with {@code url} and {@code login} (user and password, as the driver takes them) outside the pool.
     */
    protected FailFastDataSource(HikariDataSource pool, String url, Properties login) {
        this(Objects.requireNonNull(pool, "pool"), probe(url, login));
    }

    private static Callable<Connection> probe(String url, Properties login) {
        Objects.requireNonNull(url, "url");
        Properties copy = new Properties();
        copy.putAll(login);
        return () -> DriverManager.getConnection(url, copy);
    }

    /** Closes the pool's connections; the watcher, if one runs, ends. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public Connection getConnection() throws SQLException {
        SQLException known = down;
        if (known != null) {
            throw new SQLTransientConnectionException(
                    pool.getPoolName() + " - the database could not be reached a moment ago; not waited for again "
                            + "until a connection comes (" + known.getMessage() + ")",
                    known.getSQLState(),
                    known);
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            // HikariCP gives the last failure to connect as the cause of its timeout; none when only busy
            if (e.getCause() != null) {
                down = e;
                watch();
            }
            throw e;
        }
    }

    /** Starts the watcher unless one runs; it ends once a connection came or the pool was closed. */
    private void watch() {
        if (!watching.compareAndSet(false, true)) {
            return;
        }
        Thread watcher = new Thread(this::watchUntilBack, pool.getPoolName() + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watchUntilBack() {
        LOG.warn(
                "{}: the database cannot be reached; requests are refused at once until it answers",
                pool.getPoolName());
        while (true) {
            while (down != null && !pool.isClosed()) {
                try {
                    probe.call().close();
                    down = null;
                    LOG.info("{}: the database answers again", pool.getPoolName());
                } catch (Exception e) {
                    pause();
                }
            }
            watching.set(false);
            // a request that tripped the circuit while this one ended found it watched: take it on
            if (down == null || pool.isClosed() || !watching.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool connects as its configured user only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(pool) || pool.isWrapperFor(type);
    }
}
