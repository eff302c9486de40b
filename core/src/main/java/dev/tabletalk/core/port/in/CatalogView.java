package dev.tabletalk.core.port.in;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.user.UserContext;

/** The read-only schema as a given caller may see it: exposed entities only. Thread-safe. */
public interface CatalogView {

    /**
     * The schema view for this caller: nothing hidden, and only entities the caller's role may use.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the catalog cannot be loaded
     */
    SchemaView schemaFor(UserContext user);
}
