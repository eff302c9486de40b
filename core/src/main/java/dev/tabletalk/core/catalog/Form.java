package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The conversational form of an entity: what a create needs, what may be read, filtered
 * and updated. Every field carries the reason for its place. Hidden columns never appear.
 *
 * @param createRequired fields a create must have before it can be previewed, in asking order
 * @param createOptional fields a person may set on create
 * @param read fields shown by default when reading
 * @param filter fields a read or update may filter by
 * @param update fields an update may change
 */
public record Form(
        List<FormField> createRequired,
        List<FormField> createOptional,
        List<FormField> read,
        List<FormField> filter,
        List<FormField> update) {

    public Form {
        createRequired = List.copyOf(createRequired);
        createOptional = List.copyOf(createOptional);
        read = List.copyOf(read);
        filter = List.copyOf(filter);
        update = List.copyOf(update);
    }

    /** The form of an entity that allows nothing, e.g. a hidden one. */
    public static Form empty() {
        return new Form(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public List<String> createRequiredNames() {
        return names(createRequired);
    }

    public List<String> createOptionalNames() {
        return names(createOptional);
    }

    public List<String> readNames() {
        return names(read);
    }

    public List<String> filterNames() {
        return names(filter);
    }

    public List<String> updateNames() {
        return names(update);
    }

    public boolean canCreateWith(String column) {
        return contains(createRequired, column) || contains(createOptional, column);
    }

    public boolean canFilterBy(String column) {
        return contains(filter, column);
    }

    public boolean canUpdate(String column) {
        return contains(update, column);
    }

    private static List<String> names(List<FormField> fields) {
        return fields.stream().map(FormField::column).toList();
    }

    private static boolean contains(List<FormField> fields, String column) {
        Objects.requireNonNull(column, "column");
        for (FormField field : fields) {
            if (field.column().equals(column)) {
                return true;
            }
        }
        return false;
    }
}
