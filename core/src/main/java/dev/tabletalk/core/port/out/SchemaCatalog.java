package dev.tabletalk.core.port.out;

import dev.tabletalk.core.catalog.EntityCatalog;

/**
 * Reads the target database's schema into an {@link EntityCatalog}, with exposure decisions
 * and forms, and caches it.
 *
 * <p>Implementations are thread-safe. Neither method returns null.
 */
public interface SchemaCatalog {

    /**
     * The cached catalog, loading it on first use.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be read
     */
    EntityCatalog current();

    /**
     * Reads the schema again and replaces the cached catalog.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be read;
     *     the previous catalog stays cached
     */
    EntityCatalog refresh();
}
