package dev.tabletalk.schemacatalog;

import javax.sql.DataSource;

/** A {@link DataSource} backed by a connection pool, to be closed when TableTalk stops. */
public interface PooledDataSource extends DataSource, AutoCloseable {

    /** Closes every pooled connection; further use fails. */
    @Override
    void close();
}
