package dev.tabletalk.testkit.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:counting:<url>} that hands out the real driver's connections for {@code jdbc:<url>}
 * and counts what goes over them: the first word of every statement prepared ({@link #takeStatements()}: SELECT,
 * UPDATE, ...) and every round trip ({@link #roundTrips()}: each execution of a statement, each commit and
 * rollback). For tests and benchmarks that pin how many statements a store runs. It can also lose connections around
 * chosen statements ({@link #loseConnections}), for tests of what a store does when its answer is lost. The counts
 * are global to the JVM; take them before the part being counted. Thread-safe.
 */
public final class CountingDriver implements Driver {

    private static final String PREFIX = "jdbc:counting:";
    private static final List<String> statements = new ArrayList<>();
    private static final AtomicLong roundTrips = new AtomicLong();
    private static final AtomicReference<Losses> losses = new AtomicReference<>();

    /** Ends a connection of the store from another connection, as a store restart or a broken network would. */
    @FunctionalInterface
    public interface ConnectionEnder {
        void end(Connection victim) throws SQLException;
    }

    /** Which statements lose their connection, how many more times, before or after they ran, and how. */
    private record Losses(Predicate<String> which, AtomicInteger left, boolean afterRunning, ConnectionEnder ender) {}

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CountingDriver() {}

    /** {@code jdbcUrl} ({@code jdbc:...}) through this driver, which is registered once this class is loaded. */
    public static String counting(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
        return PREFIX + jdbcUrl.substring("jdbc:".length());
    }

    /** The statements prepared since the last call (their first word: SELECT, UPDATE, ...), and a fresh count. */
    public static List<String> takeStatements() {
        synchronized (statements) {
            List<String> taken = List.copyOf(statements);
            statements.clear();
            return taken;
        }
    }

    /**
     * The next {@code times} executions of statements prepared (on this driver's connections) with a text that
     * {@code which} accepts lose their connection: {@code ender} ends it, before the statement runs or after it ran
     * (and, in autocommit, committed), and the execution fails with the error the real driver raises on the ended
     * connection. Replaces any losses still armed; {@code times} 0 disarms.
     */
    public static void loseConnections(
            Predicate<String> which, int times, boolean afterRunning, ConnectionEnder ender) {
        losses.set(times == 0 ? null : new Losses(which, new AtomicInteger(times), afterRunning, ender));
    }

    /** The round trips so far: executions of statements, commits and rollbacks on this driver's connections. */
    public static long roundTrips() {
        return roundTrips.get();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                        synchronized (statements) {
                            statements.add(sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT));
                        }
                    }
                    if (name.equals("commit") || name.equals("rollback")) {
                        roundTrips.incrementAndGet();
                    }
                    Object result = invoke(method, real, args);
                    if (result instanceof PreparedStatement statement) {
                        Losses armed = losses.get();
                        if (armed != null
                                && args[0] instanceof String sql
                                && armed.which().test(sql)) {
                            return losing(statement, real, armed);
                        }
                        return counted(statement, PreparedStatement.class);
                    }
                    if (result instanceof Statement statement) {
                        return counted(statement, Statement.class);
                    }
                    return result;
                });
    }

    private static <T extends Statement> T counted(T statement, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                roundTrips.incrementAndGet();
            }
            return invoke(method, statement, args);
        }));
    }

    private static PreparedStatement losing(PreparedStatement statement, Connection real, Losses armed) {
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (!method.getName().startsWith("execute")) {
                        return invoke(method, statement, args);
                    }
                    roundTrips.incrementAndGet();
                    if (armed.left().getAndDecrement() <= 0) {
                        return invoke(method, statement, args);
                    }
                    if (armed.afterRunning()) {
                        invoke(method, statement, args);
                    }
                    armed.ender().end(real);
                    try (Statement probe = real.createStatement()) {
                        probe.execute("SELECT 1");
                    }
                    throw new IllegalStateException("the connection was to be ended, but it still answers");
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
