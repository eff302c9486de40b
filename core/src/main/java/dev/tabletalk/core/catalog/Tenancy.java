package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How the rows of one entity belong to tenants, for callers that have a tenant. Decided from the
 * schema alone (see {@link Tenancies}); the executor scopes every statement by it.
 */
public sealed interface Tenancy {

    /** The lower-case word used on the wire and in text: {@code direct}, {@code via}, {@code shared} or {@code hidden}. */
    String kind();

    /** One line for an operator: what the tenancy is and why. */
    String describe();

    /** Whether rows of the entity belong to tenants, so a caller without a tenant may not use it. */
    default boolean isTenantOwned() {
        return this instanceof Direct || this instanceof Via;
    }

    /** The entity has the tenant column: it is compared with the caller's tenant and forced on insert. */
    record Direct(String column) implements Tenancy {
        public Direct {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String kind() {
            return "direct";
        }

        @Override
        public String describe() {
            return "direct: rows are scoped by " + column;
        }
    }

    /**
     * No tenant column, but foreign keys lead to entities that have one. A row is the caller's when
     * every path reaches a row of the caller's tenant; a row whose key on any path is NULL is nobody's.
     */
    record Via(List<TenantPath> paths) implements Tenancy {
        public Via {
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a via tenancy needs at least one path");
            }
        }

        @Override
        public String kind() {
            return "via";
        }

        @Override
        public String describe() {
            return "via " + paths.stream().map(TenantPath::describe).collect(Collectors.joining(" and "));
        }
    }

    /** Reference data tied to no tenant: every tenant may read it, no tenant may change it. */
    record Shared(String reason) implements Tenancy {
        public Shared {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "shared";
        }

        @Override
        public String describe() {
            return "shared: " + reason;
        }
    }

    /** Rows that cannot be tied to a tenant (a view without the tenant column): not there for tenant callers. */
    record Hidden(String reason) implements Tenancy {
        public Hidden {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "hidden";
        }

        @Override
        public String describe() {
            return "hidden: " + reason;
        }
    }
}
