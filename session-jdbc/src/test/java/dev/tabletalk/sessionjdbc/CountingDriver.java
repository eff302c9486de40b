package dev.tabletalk.sessionjdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:counting:<url>} that hands out the real driver's connections for {@code jdbc:<url>}
 * and records the first word of every statement prepared on them, so a test can count what the store runs.
 */
final class CountingDriver implements Driver {

    private static final String PREFIX = "jdbc:counting:";
    private static final List<String> statements = new ArrayList<>();

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CountingDriver() {}

    /** The same store as {@code config}, through this driver. */
    static SessionStoreConfig counting(SessionStoreConfig config) {
        return new SessionStoreConfig(
                PREFIX + config.url().substring("jdbc:".length()),
                config.user(),
                config.password(),
                config.maxPoolSize(),
                config.connectionTimeout(),
                config.statementTimeout(),
                config.idleTtl(),
                config.maxSessionsPerUser());
    }

    /** The statements prepared since the last call (their first word: SELECT, UPDATE, ...), and a fresh count. */
    static List<String> takeStatements() {
        synchronized (statements) {
            List<String> taken = List.copyOf(statements);
            statements.clear();
            return taken;
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                        synchronized (statements) {
                            statements.add(sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT));
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
