package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.jdbcsupport.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SchemaCatalog} over JDBC: reads PostgreSQL, MySQL/MariaDB, SQLite and H2 with a
 * few bulk metadata queries per dialect, decides exposure with reasons and infers forms.
 *
 * <p>The catalog is loaded on first use and cached; {@link #refresh()} reads it again (a failed
 * refresh keeps the previous catalog). Only metadata is read, never business rows. Thread-safe:
 * loads are serialised, readers never block on a cached catalog.
 */
public final class JdbcSchemaCatalog implements SchemaCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSchemaCatalog.class);

    private final DataSource dataSource;
    private final CatalogOptions options;
    private final Object loadLock = new Object();
    private volatile EntityCatalog cached;

    private JdbcSchemaCatalog(DataSource dataSource, CatalogOptions options) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A catalog of the database behind this data source. Nothing is read until the first
     * {@link SchemaCatalog#current()}.
     *
     * @param dataSource the target database (e.g. {@link ConnectionSpec#dataSource()})
     * @param options what to read and how to expose it
     */
    public static SchemaCatalog create(DataSource dataSource, CatalogOptions options) {
        return new JdbcSchemaCatalog(dataSource, options);
    }

    /**
     * Checks the options' overrides against the database without building anything ({@code config validate}):
     * reads the schema once without them and returns {@link CatalogOverrides#check}'s problems.
     *
     * @return the problems in the file's order; empty when the overrides apply
     * @throws DependencyUnavailableException when the schema cannot be read
     */
    public static List<OverrideProblem> checkOverrides(DataSource dataSource, CatalogOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        if (options.overrides().isEmpty()) {
            return List.of();
        }
        EntityCatalog base = new JdbcSchemaCatalog(dataSource, options.withoutOverrides()).load();
        return options.overrides().check(base, options);
    }

    @Override
    public EntityCatalog current() {
        EntityCatalog catalog = cached;
        if (catalog != null) {
            return catalog;
        }
        synchronized (loadLock) {
            if (cached == null) {
                cached = load();
            }
            return cached;
        }
    }

    @Override
    public EntityCatalog refresh() {
        synchronized (loadLock) {
            cached = load();
            return cached;
        }
    }

    private EntityCatalog load() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            EntityCatalog catalog = load(connection, options);
            LOG.info(
                    "schema catalog loaded: {} entities, fingerprint {}, {} ms",
                    catalog.entities().size(),
                    catalog.fingerprint(),
                    (System.nanoTime() - started) / 1_000_000);
            return catalog;
        } catch (SQLException e) {
            // the driver's text stays in the cause (logs); the message names no SQL and no credentials
            throw DependencyUnavailableException.targetDatabase(
                    "reading the database schema failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Reads and assembles the catalog over one connection. */
    static EntityCatalog load(Connection connection, CatalogOptions options) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        Dialect dialect = Dialect.fromProductName(product)
                .orElseThrow(() -> new DependencyUnavailableException(
                        Dependency.TARGET_DATABASE,
                        false,
                        "unsupported database " + product
                                + ": TableTalk reads PostgreSQL, MySQL/MariaDB, SQLite and H2",
                        null));
        Introspector introspector = Introspector.of(dialect);
        int total = introspector.steps() + 1;
        List<TableMeta> tables = introspector.read(
                connection,
                options.schemas(),
                (stage, done, ignored) -> options.progress().step(stage, done, total));
        EntityCatalog catalog = new CatalogAssembler(options).assemble(tables);
        options.progress().step("exposure and forms", total, total);
        return catalog;
    }
}
