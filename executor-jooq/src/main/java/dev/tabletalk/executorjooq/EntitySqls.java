package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.ValueCoercion;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the executor works out once per catalog generation instead of on every call: the {@link EntitySql} of each
 * entity (of the catalog and of every caller's view of it, which the catalog keeps), and each caller tenant's value
 * coerced to a tenant column's type. Entities and columns are immutable and found by identity, so a part is only ever
 * reused for the very object it was built from; a reload brings a new catalog object and with it a new generation
 * ({@link #forCatalog}), so nothing of an old catalog is used again. Both maps are bounded: past their size they are
 * emptied and filled again. Thread-safe.
 */
final class EntitySqls {

    /** More entities than any catalog's views hold: only a bound against a caller view made anew per call. */
    static final int MAX_ENTITIES = 20_000;

    /** Tenants whose coerced value is kept; more are coerced again after the map is emptied. */
    static final int MAX_TENANT_VALUES = 10_000;

    private final EntityCatalog catalog;
    private final Map<Identity, EntitySql> entities = new ConcurrentHashMap<>();
    private final Map<TenantKey, Object> tenantValues = new ConcurrentHashMap<>();

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

    /**
     * {@code tenant} as a value of {@code column} ({@link ValueCoercion#fromText}), or empty when it is not one (then
     * nothing is kept, and the caller refuses).
     */
    Optional<Object> tenantValue(Column column, String tenant) {
        if (column.type().isTemporal()) {
            // a date or time may be read relative to the clock: never kept
            return coerce(column, tenant);
        }
        TenantKey key = new TenantKey(new Identity(column), tenant);
        Object known = tenantValues.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Object> coerced = coerce(column, tenant);
        if (coerced.isPresent() && isImmutable(coerced.get())) {
            if (tenantValues.size() >= MAX_TENANT_VALUES) {
                tenantValues.clear();
            }
            tenantValues.put(key, coerced.get());
        }
        return coerced;
    }

    /** Whether a value may be shared between calls: only types whose instances never change. */
    private static boolean isImmutable(Object value) {
        return value instanceof String
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof BigInteger
                || value instanceof BigDecimal
                || value instanceof UUID
                || value instanceof Boolean;
    }

    private static Optional<Object> coerce(Column column, String tenant) {
        Coerced coerced = ValueCoercion.fromText(column, tenant);
        return coerced instanceof Coerced.Value value && value.value() != null
                ? Optional.of(value.value())
                : Optional.empty();
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

    private record TenantKey(Identity column, String tenant) {}
}
