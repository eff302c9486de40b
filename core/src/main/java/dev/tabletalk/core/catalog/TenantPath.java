package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A chain of foreign keys from an entity without the tenant column to an entity with it.
 *
 * @param hops the foreign keys in order; the first starts at the scoped entity, the last ends at
 *     an entity that has the tenant column
 */
public record TenantPath(List<Hop> hops) {

    public TenantPath {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a tenant path needs at least one hop");
        }
    }

    /** The entity with the tenant column where the path ends. */
    public Entity owner() {
        return hops.get(hops.size() - 1).to();
    }

    /** The first hop's foreign key: its columns on the scoped entity must not be NULL. */
    public ForeignKey firstKey() {
        return hops.get(0).key();
    }

    /** {@code order_lines.order_id -> orders.customer_id -> customers}, for operators. */
    public String describe() {
        return hops.stream()
                        .map(hop -> hop.from().name() + "."
                                + String.join(",", hop.key().columns()))
                        .collect(Collectors.joining(" -> "))
                + " -> " + owner().name();
    }

    /**
     * One foreign key step.
     *
     * @param from the referencing entity
     * @param key the foreign key of {@code from}
     * @param to the referenced entity
     */
    public record Hop(Entity from, ForeignKey key, Entity to) {
        public Hop {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(to, "to");
        }
    }
}
