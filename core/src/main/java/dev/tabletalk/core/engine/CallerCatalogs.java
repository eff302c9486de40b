package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.concurrent.atomic.AtomicReference;

/** The current catalog as one caller sees it, and the planner's view of it, kept while the catalog stays the same. */
final class CallerCatalogs {

    private final SchemaCatalog schemaCatalog;
    private final PlanValidator validator;
    private final AtomicReference<CachedView> schemaView = new AtomicReference<>();

    CallerCatalogs(SchemaCatalog schemaCatalog, PlanValidator validator) {
        this.schemaCatalog = schemaCatalog;
        this.validator = validator;
    }

    /** The current catalog as this caller sees it: tenancy applied (hidden and shared entities). */
    EntityCatalog of(UserContext user) {
        return validator.callerCatalog(schemaCatalog.current(), user);
    }

    SchemaView view(EntityCatalog catalog) {
        CachedView cached = schemaView.get();
        if (cached != null && cached.catalog() == catalog) {
            return cached.view();
        }
        SchemaView view = SchemaView.of(catalog);
        schemaView.set(new CachedView(catalog, view));
        return view;
    }

    private record CachedView(EntityCatalog catalog, SchemaView view) {}
}
