package dev.tabletalk.benchmarks;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.ServiceLoader;

/**
 * Makes the JDBC drivers of a benchmark's class path usable by its code. Maven's {@code exec:java} runs each benchmark
 * of one build ({@code mvn -Pbenchmarks -pl benchmarks verify}) in a class loader of its own inside Maven's JVM.
 * {@link DriverManager} looks for drivers once, in the first, and hands a driver only to code of the class loader
 * that registered it: every benchmark after the first that opened a connection failed with "No suitable driver".
 * Each benchmark therefore registers the drivers its own class loader sees before it connects.
 */
final class JdbcDrivers {

    private JdbcDrivers() {}

    /** Registers every JDBC driver of this class's class loader that {@link DriverManager} does not give it yet. */
    static void register() throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader())) {
            // loading a driver's class registers it (JDBC 4): registered here only when it did not
            if (!isUsable(driver.getClass())) {
                DriverManager.registerDriver(driver);
            }
        }
    }

    /** Whether {@link DriverManager} gives code of this class loader a driver of that class. */
    private static boolean isUsable(Class<?> driverClass) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass() == driverClass) {
                return true;
            }
        }
        return false;
    }
}
