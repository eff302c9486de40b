package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the executor works out once per catalog generation instead of on every call: the {@link EntitySql} of each
 * entity (of the catalog and of every caller's view of it, which the catalog keeps). Entities and columns are
 * immutable and found by identity, so a part is only ever reused for the very object it was built from; a reload
 * brings a new catalog object and with it a new generation ({@link #forCatalog}), so nothing of an old catalog is
 * used again. The map is bounded: past its size it is emptied and filled again. Thread-safe.
 */
final class EntitySqls {

    /** More entities than any catalog's views hold: only a bound against a caller view made anew per call. */
    static final int MAX_ENTITIES = 20_000;

    private final EntityCatalog catalog;
    private final Map<Identity, EntitySql> entities = new ConcurrentHashMap<>();

    private EntitySqls(EntityCatalog catalog) {
        this.catalog = catalog;
    }

    /** The generation of {@code catalog}: {@code current} itself when it belongs to that catalog, else a new one. */
    static EntitySqls forCatalog(EntitySqls current, EntityCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return current != null && current.catalog == catalog ? current : new EntitySqls(catalog);
    }

    /** The catalog this generation belongs to. */
    EntityCatalog catalog() {
        return catalog;
    }

    /** The parts of {@code entity}, built on first use. */
    EntitySql of(Entity entity) {
        Identity key = new Identity(entity);
        EntitySql known = entities.get(key);
        if (known != null) {
            return known;
        }
        if (entities.size() >= MAX_ENTITIES) {
            entities.clear();
        }
        return entities.computeIfAbsent(key, ignored -> new EntitySql(entity));
    }

    /** Number of entities whose parts are kept (for tests). */
    int size() {
        return entities.size();
    }

    /** An object compared by identity. */
    private record Identity(Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }
}
