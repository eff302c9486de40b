package dev.tabletalk.jdbcsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A store's pooled connections, answered at once while the store is known to be down (a circuit breaker). Once a
 * wait for a connection ended because the pool could not reach the store, every request fails at once with that
 * failure, except one at a time, which waits as usual to find out whether the store is back; the first connection
 * the pool gives closes the circuit. A wait that ended only because every connection was in use (the store
 * reachable, the pool busy) opens nothing.
 *
 * <p>Without it, during an outage every turn waited the whole connection timeout before it was told the store is
 * unavailable, and a busy server held a thread for each of them.
 *
 * <p>Thread-safe.
 */
final class FailFastDataSource implements DataSource {

    private final HikariDataSource pool;
    private final AtomicBoolean probing = new AtomicBoolean();
    /** Why the last wait for a connection failed, while the store is down; null while it answers. */
    private volatile SQLException down;

    FailFastDataSource(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SQLException known = down;
        if (known == null) {
            return connect();
        }
        if (!probing.compareAndSet(false, true)) {
            throw new SQLTransientConnectionException(
                    pool.getPoolName() + " - the store could not be reached a moment ago; not waited for again "
                            + "until a connection comes (" + known.getMessage() + ")",
                    known.getSQLState(),
                    known);
        }
        try {
            return connect();
        } finally {
            probing.set(false);
        }
    }

    private Connection connect() throws SQLException {
        try {
            Connection connection = pool.getConnection();
            down = null;
            return connection;
        } catch (SQLTransientConnectionException e) {
            // HikariCP gives the last failure to connect as the cause of its timeout; none when only busy
            if (e.getCause() != null) {
                down = e;
            }
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a store's pool connects as its configured user only");
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
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
