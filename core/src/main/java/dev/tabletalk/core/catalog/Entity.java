package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table or view of the target database, with the exposure decision, its reason and the
 * conversational form.
 *
 * @param schema the schema (or catalog) the entity lives in; empty where the database has none
 * @param name the entity's name exactly as the database spells it
 * @param kind table or view
 * @param columns every column in table order, hidden ones included (operator view)
 * @param primaryKey the primary key's columns in key order; empty when there is none
 * @param uniqueKeys other unique column sets
 * @param indexes the indexes
 * @param foreignKeys the foreign keys
 * @param comment the entity's comment, if any
 * @param exposure read-write, read-only or hidden
 * @param reason why it has that exposure, for the operator
 * @param form what a conversation may do with it; empty when hidden
 * @param softDelete the soft-delete marker, if the entity has one: then reads and updates leave deleted rows
 *     alone and "delete" is an update of the marker
 */
public record Entity(
        String schema,
        String name,
        EntityKind kind,
        List<Column> columns,
        List<String> primaryKey,
        List<List<String>> uniqueKeys,
        List<Index> indexes,
        List<ForeignKey> foreignKeys,
        Optional<String> comment,
        Exposure exposure,
        String reason,
        Form form,
        Optional<SoftDelete> softDelete) {

    public Entity {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(softDelete, "softDelete");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an entity needs a name");
        }
        for (String key : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(key))) {
                throw new IllegalArgumentException("primary key column " + key + " is not a column of " + name);
            }
        }
        if (softDelete.isPresent()
                && columns.stream()
                        .noneMatch(c -> c.name().equals(softDelete.get().column()))) {
            throw new IllegalArgumentException(
                    "soft-delete column " + softDelete.get().column() + " is not a column of " + name);
        }
    }

    /** An entity without a soft-delete marker. */
    public Entity(
            String schema,
            String name,
            EntityKind kind,
            List<Column> columns,
            List<String> primaryKey,
            List<List<String>> uniqueKeys,
            List<Index> indexes,
            List<ForeignKey> foreignKeys,
            Optional<String> comment,
            Exposure exposure,
            String reason,
            Form form) {
        this(
                schema,
                name,
                kind,
                columns,
                primaryKey,
                uniqueKeys,
                indexes,
                foreignKeys,
                comment,
                exposure,
                reason,
                form,
                Optional.empty());
    }

    /** {@code schema.name}, or just the name where there is no schema. */
    public String qualifiedName() {
        return schema.isEmpty() ? name : schema + "." + name;
    }

    /** Any column by exact name, hidden ones included: for adapters, never for resolving planner text. */
    public Optional<Column> column(String columnName) {
        for (Column column : columns) {
            if (column.name().equals(columnName)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /**
     * A column that a conversation may name, by exact name or, failing that, by a unique
     * case-insensitive match. Hidden columns are never found: they answer exactly like
     * columns that do not exist (invariant 6).
     */
    public Optional<Column> visibleColumn(String columnName) {
        Optional<Column> exact = column(columnName).filter(c -> !c.isHidden());
        if (exact.isPresent()) {
            return exact;
        }
        List<Column> folded = columns.stream()
                .filter(c -> !c.isHidden() && c.name().equalsIgnoreCase(columnName))
                .toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /** The columns that a conversation may name, in table order. */
    public List<Column> visibleColumns() {
        return columns.stream().filter(c -> !c.isHidden()).toList();
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    public boolean isWritable() {
        return exposure == Exposure.READ_WRITE;
    }

    public Entity withExposure(Exposure newExposure, String newReason) {
        return new Entity(
                schema,
                name,
                kind,
                columns,
                primaryKey,
                uniqueKeys,
                indexes,
                foreignKeys,
                comment,
                newExposure,
                newReason,
                newExposure == Exposure.HIDDEN ? Form.empty() : form,
                softDelete);
    }

    public Entity withColumns(List<Column> newColumns) {
        return new Entity(
                schema,
                name,
                kind,
                newColumns,
                primaryKey,
                uniqueKeys,
                indexes,
                foreignKeys,
                comment,
                exposure,
                reason,
                form,
                softDelete);
    }

    public Entity withForm(Form newForm) {
        return new Entity(
                schema,
                name,
                kind,
                columns,
                primaryKey,
                uniqueKeys,
                indexes,
                foreignKeys,
                comment,
                exposure,
                reason,
                newForm,
                softDelete);
    }

    /**
     * This entity with {@code marker} as its soft-delete marker (or none): the hook through which the catalog's
     * detection, and later the configuration ({@code entities.<name>.softDelete}), decide it.
     */
    public Entity withSoftDelete(Optional<SoftDelete> marker) {
        return new Entity(
                schema,
                name,
                kind,
                columns,
                primaryKey,
                uniqueKeys,
                indexes,
                foreignKeys,
                comment,
                exposure,
                reason,
                form,
                marker);
    }
}
