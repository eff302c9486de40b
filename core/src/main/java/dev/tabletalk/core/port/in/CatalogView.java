package dev.tabletalk.core.port.in;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.user.UserContext;
import java.util.List;

/** The read-only schema as a given caller may see it: exposed entities only. Thread-safe. */
public interface CatalogView {

    /**
     * The schema view for this caller: nothing hidden, and only entities the caller's role may use.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the catalog cannot be loaded
     */
    SchemaView schemaFor(UserContext user);

    /**
     * The macros this caller may run (#14): those whose entity the caller's view exposes and whose intent the
     * caller's role allows there; none by default.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the catalog cannot be loaded
     */
    default List<Macro> macrosFor(UserContext user) {
        return List.of();
    }
}
