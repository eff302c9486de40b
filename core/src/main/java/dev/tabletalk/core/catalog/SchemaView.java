package dev.tabletalk.core.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a chat user or a planner may know of the schema: exposed entities and their visible
 * columns with types, comments and form roles. Nothing hidden is in it, not even a name, and it
 * holds no row values (invariants 6 and 8).
 *
 * @param fingerprint the catalog's fingerprint
 * @param entities the exposed entities in catalog order
 */
public record SchemaView(String fingerprint, List<EntityView> entities) {

    public SchemaView {
        Objects.requireNonNull(fingerprint, "fingerprint");
        entities = List.copyOf(entities);
    }

    /**
     * The view of a catalog: exposed entities, visible columns, form roles, and each entity's tenancy where the
     * catalog is a caller's view ({@link EntityCatalog#forCaller}), else {@code none}.
     */
    public static SchemaView of(EntityCatalog catalog) {
        Optional<Tenancies> tenancies = catalog.appliedTenancies();
        List<EntityView> views = new ArrayList<>();
        for (Entity entity : catalog.exposedEntities()) {
            List<ColumnView> columns = new ArrayList<>();
            for (Column column : entity.visibleColumns()) {
                columns.add(new ColumnView(
                        column.name(),
                        column.type(),
                        column.enumValues(),
                        column.comment(),
                        column.nullable(),
                        rolesOf(entity, column),
                        referenceOf(catalog, entity, column)));
            }
            views.add(new EntityView(
                    catalog.referenceOf(entity),
                    entity.comment(),
                    entity.exposure() == Exposure.READ_WRITE,
                    entity.primaryKey(),
                    columns,
                    tenancies.map(t -> t.of(entity).kind()).orElse(EntityView.NO_TENANCY),
                    // INV-6: a hidden marker column is not named to the planner
                    entity.softDelete()
                            .filter(m -> entity.visibleColumn(m.column()).isPresent())));
        }
        return new SchemaView(catalog.fingerprint(), views);
    }

    /**
     * The exposed entity {@code column}'s single-column foreign key points at, when the referenced column is
     * visible there too: a relationship to a hidden entity or through a hidden column is not named (INV-6).
     */
    private static Optional<String> referenceOf(EntityCatalog catalog, Entity entity, Column column) {
        for (ForeignKey key : entity.foreignKeys()) {
            if (!key.columns().equals(List.of(column.name()))) {
                continue;
            }
            Optional<Entity> target = catalog.target(entity, key)
                    .filter(t -> t.exposure().isVisible())
                    .filter(t -> t.visibleColumn(key.targetColumns().get(0)).isPresent());
            if (target.isPresent()) {
                return Optional.of(catalog.referenceOf(target.get()));
            }
        }
        return Optional.empty();
    }

    public Optional<EntityView> entity(String reference) {
        return entities.stream().filter(e -> e.name().equals(reference)).findFirst();
    }

    private static Set<FieldRole> rolesOf(Entity entity, Column column) {
        Set<FieldRole> roles = EnumSet.noneOf(FieldRole.class);
        Form form = entity.form();
        String name = column.name();
        if (entity.primaryKey().contains(name)) {
            roles.add(FieldRole.PRIMARY_KEY);
        }
        if (form.createRequiredNames().contains(name)) {
            roles.add(FieldRole.CREATE_REQUIRED);
        }
        if (form.createOptionalNames().contains(name)) {
            roles.add(FieldRole.CREATE_OPTIONAL);
        }
        if (form.readNames().contains(name)) {
            roles.add(FieldRole.READ);
        }
        if (form.canFilterBy(name)) {
            roles.add(FieldRole.FILTER);
        }
        if (form.canUpdate(name)) {
            roles.add(FieldRole.UPDATE);
        }
        if (column.isMasked()) {
            roles.add(FieldRole.MASKED);
        }
        return roles;
    }

    /**
     * An exposed entity.
     *
     * @param name its catalog reference
     * @param comment its comment, if any
     * @param writable whether create and update are possible at all
     * @param primaryKey the primary key columns
     * @param columns the visible columns
     * @param tenancy {@code direct}, {@code via} or {@code shared} for a caller's view; {@link #NO_TENANCY} otherwise
     * @param softDelete the soft-delete marker, when its column is visible: "delete" and "restore" update it
     */
    public record EntityView(
            String name,
            Optional<String> comment,
            boolean writable,
            List<String> primaryKey,
            List<ColumnView> columns,
            String tenancy,
            Optional<SoftDelete> softDelete) {

        /** The tenancy of an entity of a view that was not cut for a caller. */
        public static final String NO_TENANCY = "none";

        public EntityView {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(comment, "comment");
            primaryKey = List.copyOf(primaryKey);
            columns = List.copyOf(columns);
            Objects.requireNonNull(tenancy, "tenancy");
            Objects.requireNonNull(softDelete, "softDelete");
        }

        /** An entity without a soft-delete marker. */
        public EntityView(
                String name,
                Optional<String> comment,
                boolean writable,
                List<String> primaryKey,
                List<ColumnView> columns,
                String tenancy) {
            this(name, comment, writable, primaryKey, columns, tenancy, Optional.empty());
        }

        /** An entity of a view that was not cut for a caller. */
        public EntityView(
                String name,
                Optional<String> comment,
                boolean writable,
                List<String> primaryKey,
                List<ColumnView> columns) {
            this(name, comment, writable, primaryKey, columns, NO_TENANCY);
        }

        public Optional<ColumnView> column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
        }
    }

    /**
     * A visible column with its roles in the form.
     *
     * @param references the entity reference this column's single-column foreign key points at, when that entity
     *     is exposed in the same view; empty otherwise, so a hidden entity is never named (invariant 6)
     */
    public record ColumnView(
            String name,
            ValueType type,
            List<String> enumValues,
            Optional<String> comment,
            boolean nullable,
            Set<FieldRole> roles,
            Optional<String> references) {

        public ColumnView {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            enumValues = List.copyOf(enumValues);
            Objects.requireNonNull(comment, "comment");
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
            Objects.requireNonNull(references, "references");
        }

        /** A column that references no exposed entity. */
        public ColumnView(
                String name,
                ValueType type,
                List<String> enumValues,
                Optional<String> comment,
                boolean nullable,
                Set<FieldRole> roles) {
            this(name, type, enumValues, comment, nullable, roles, Optional.empty());
        }

        public boolean has(FieldRole role) {
            return roles.contains(role);
        }
    }
}
