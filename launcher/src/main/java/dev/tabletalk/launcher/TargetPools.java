package dev.tabletalk.launcher;

import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.PooledDataSource;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The connections of one target database: the schema catalog's, and the executor's.
 *
 * <p>When TableTalk opens the database itself (from a URL) the executor gets a pool of its own, so
 * it may keep its read-only default and statement timeout on each connection's session and read in
 * one round trip (see the executor's {@code withDedicatedPool}); nothing else ever uses that pool.
 * A data source handed to the builder is shared as it is, and the executor leaves no session state
 * behind on it.
 *
 * @param catalog where the schema is read
 * @param executor where rows are read and written
 * @param executorOwnsItsPool whether {@code executor} is used by the executor alone
 * @param closer closes what TableTalk opened (nothing for a data source it was given)
 */
record TargetPools(DataSource catalog, DataSource executor, boolean executorOwnsItsPool, AutoCloseable closer) {

    TargetPools {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(closer, "closer");
    }

    /** A data source given to TableTalk: shared by the catalog and the executor, never closed by TableTalk. */
    static TargetPools given(DataSource dataSource) {
        return new TargetPools(dataSource, dataSource, false, () -> {});
    }

    /** Data sources given to TableTalk, the second used by the executor alone; never closed by TableTalk. */
    static TargetPools given(DataSource catalog, DataSource executorOnly) {
        return new TargetPools(catalog, executorOnly, true, () -> {});
    }

    /** Pools TableTalk opens from a URL: a small one for the catalog, and the executor's own. */
    static TargetPools open(ConnectionSpec spec) {
        PooledDataSource catalog = spec.dataSource(2);
        PooledDataSource executor = spec.dataSource();
        return new TargetPools(catalog, executor, true, () -> {
            try {
                executor.close();
            } finally {
                catalog.close();
            }
        });
    }
}
