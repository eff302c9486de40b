package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.testkit.db.DatabaseServer;
import java.util.Arrays;

/**
 * What the benchmarks share: a PostgreSQL pool on one schema, a pool on any JDBC URL, and percentiles of timings.
 */
final class PostgresReads {

    private PostgresReads() {}

    /** A pool of {@code size} connections to {@code schema} of {@code server}, with server error details left out. */
    static HikariDataSource pool(DatabaseServer server, String schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.adminUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(size);
        config.addDataSourceProperty("currentSchema", schema);
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    /** A pool of {@code size} connections to the database at {@code url} (any JDBC database, its user given in it). */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    /** The {@code percent}th percentile of {@code values} (nearest rank). */
    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
