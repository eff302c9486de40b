package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.port.out.SchemaCatalog;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A schema catalog that serves a given catalog, replaceable by a test to mimic a schema change. */
public final class StaticSchemaCatalog implements SchemaCatalog {

    private final AtomicReference<EntityCatalog> catalog;
    private final AtomicReference<EntityCatalog> next;

    public StaticSchemaCatalog(EntityCatalog catalog) {
        this.catalog = new AtomicReference<>(Objects.requireNonNull(catalog, "catalog"));
        this.next = new AtomicReference<>(catalog);
    }

    /** What the next {@link #refresh()} will load, as if the schema had changed meanwhile. */
    public void changeSchemaTo(EntityCatalog changed) {
        next.set(Objects.requireNonNull(changed, "changed"));
    }

    @Override
    public EntityCatalog current() {
        return catalog.get();
    }

    @Override
    public EntityCatalog refresh() {
        catalog.set(next.get());
        return catalog.get();
    }
}
