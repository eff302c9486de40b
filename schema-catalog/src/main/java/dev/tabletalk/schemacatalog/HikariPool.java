package dev.tabletalk.schemacatalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.error.ConfigurationException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Builds the small HikariCP pool behind {@link ConnectionSpec#dataSource()}. */
final class HikariPool extends HikariDataSource implements PooledDataSource {

    private HikariPool(HikariConfig config) {
        super(config);
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
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
        // connect lazily: an unreachable database is reported by ConnectionCheck, not by a constructor
        config.setInitializationFailTimeout(-1);
        return new HikariPool(config);
    }
}
