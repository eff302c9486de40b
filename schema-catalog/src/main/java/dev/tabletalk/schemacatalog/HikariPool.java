package dev.tabletalk.schemacatalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.FailFastDataSource;
import dev.tabletalk.jdbcsupport.LostConnectionEviction;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The small HikariCP pool behind {@link ConnectionSpec#dataSource()}. While the database cannot be reached, a request
 * for a connection fails at once instead of waiting the pool's connection timeout ({@link FailFastDataSource}): one
 * wait that ended because no connection could be made opens the circuit, and it closes as soon as a connection is made
 * again. A pool that is only busy opens nothing.
 */
final class HikariPool extends FailFastDataSource implements PooledDataSource {

    /** How long a request waits for a connection from the pool. */
    static final long CONNECTION_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private HikariPool(HikariDataSource pool, ConnectionSpec spec) {
        super(pool, spec.jdbcUrl(), spec.driverProperties());
    }

    static PooledDataSource create(ConnectionSpec spec, int maxPoolSize) {
        if (!ConnectionCheck.driverPresent(spec.dialect().driverClassName())) {
            throw new ConfigurationException("the " + spec.dialect() + " JDBC driver ("
                    + spec.dialect().driverClassName() + ") is not on the class path: add it");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("tabletalk-" + spec.dialect().name().toLowerCase(Locale.ROOT));
        config.setDriverClassName(spec.dialect().driverClassName());
        // the URL carries no credentials (ConnectionSpec takes them out), so pool logs never show them
        config.setJdbcUrl(spec.jdbcUrl());
        spec.user().ifPresent(config::setUsername);
        if (spec.hasPassword()) {
            config.setPassword(spec.passwordOrNull());
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(Math.min(1, maxPoolSize));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // a connection that met a lost-connection error is dropped, whatever the database (HikariCP knows class 08)
        config.setExceptionOverride(LostConnectionEviction.INSTANCE);
        // connect lazily: an unreachable database is reported by ConnectionCheck, not by a constructor
        config.setInitializationFailTimeout(-1);
        return new HikariPool(new HikariDataSource(config), spec);
    }
}
