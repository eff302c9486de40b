package dev.tabletalk.core.port.in;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.macro.Macro;
import java.util.List;

/**
 * The operator's view of the schema ({@code tabletalk schema}): every entity, hidden ones with the reason.
 * Never given to a chat caller, who sees only {@link CatalogView}. Thread-safe.
 */
public interface OperatorCatalog {

    /**
     * The whole catalog, hidden entities and columns included, with the reasons.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    EntityCatalog schema();

    /**
     * The same catalog as JSON (the format of {@code docs/catalog.md}), tenancy included.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    String schemaJson();

    /**
     * The tenancy of every entity for callers that have a tenant. When {@link Tenancies#hasDirect()} is false,
     * no table has the tenant column: a configuration mistake that leaves tenant callers read-only.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the target database cannot be read
     */
    Tenancies tenancies();

    /** The operator's macros (#14), all of them, in the order configured; none by default. */
    default List<Macro> macros() {
        return List.of();
    }
}
